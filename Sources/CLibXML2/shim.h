// libxml2's text reader, without ICU.
// Debian builds libxml2 with ICU support, and <libxml/encoding.h> then includes ICU's headers,
// which clash with the ICU that Foundation bundles. Undefining LIBXML_ICU_ENABLED after
// <libxml/xmlversion.h> keeps them out; we never use libxml2's ICU-specific API.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
