// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). Also declares OpenBLAS's thread control.
#include <cblas.h>
