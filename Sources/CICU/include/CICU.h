// CICU — CriticKit's own C names over ICU4C.
//
// Why a shim: ICU renames every symbol with a version suffix through macros (ubrk_open becomes
// ubrk_open_72), which Swift's importer cannot see through, and Foundation bundles its own ICU
// whose headers clash with the system's. Everything Swift needs from ICU goes through the
// cicu_* functions below; ICU's own headers are included only by CICU.c.
//
// Error codes are ICU's UErrorCode values (0 = success, negative = warning, positive = failure).
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: Word-break iteration (UAX #29 with ICU's dictionaries for CJK, Thai, Lao, Khmer, Burmese)

typedef struct cicu_word_breaker cicu_word_breaker;

/// Opens a word-break iterator for `locale` ("" for the root locale). Returns NULL on failure.
cicu_word_breaker *cicu_word_breaker_open(const char *locale, int32_t *error_code);
void cicu_word_breaker_close(cicu_word_breaker *breaker);

/// Points the iterator at UTF-8 text (no copy: `text` must outlive the iteration).
/// Offsets returned by `cicu_word_breaker_next` are byte offsets into `text`.
void cicu_word_breaker_set_utf8(cicu_word_breaker *breaker, const char *text, int64_t length,
                                int32_t *error_code);

/// The next boundary after the current one (the first call returns the first boundary after 0),
/// or -1 when the text is exhausted. `rule_status` receives ICU's rule status of the segment that
/// ends at that boundary: 0–99 none (spaces, punctuation), 100–199 number, 200–299 letter,
/// 300–399 kana, 400–499 ideographic. Pass NULL when the status is not needed: asking for it costs
/// about a tenth of the iteration.
int64_t cicu_word_breaker_next(cicu_word_breaker *breaker, int32_t *rule_status);

// MARK: Normalization and case folding (UTF-8 in, UTF-8 out)

typedef enum {
    CICU_NORMALIZE_NFKC = 1,
    CICU_NORMALIZE_CASEFOLD = 2,
    CICU_NORMALIZE_NFKC_CASEFOLD = 3,
} cicu_normalization;

/// Normalizes `source` into `dest`. Returns the length the result needs (which may exceed
/// `capacity`, with U_BUFFER_OVERFLOW_ERROR in `error_code`: call again with a larger buffer).
int32_t cicu_normalize_utf8(cicu_normalization mode, const char *source, int32_t length,
                            char *dest, int32_t capacity, int32_t *error_code);

/// A normalizer that keeps its UTF-16 work buffers between calls (one per tokenizer, not
/// thread-safe), so that normalizing review after review allocates nothing once warm.
typedef struct cicu_normalizer cicu_normalizer;

cicu_normalizer *cicu_normalizer_open(cicu_normalization mode, int32_t *error_code);
void cicu_normalizer_close(cicu_normalizer *normalizer);

/// Like `cicu_normalize_utf8`: returns the length the result needs, with U_BUFFER_OVERFLOW_ERROR
/// when it exceeds `capacity` (call again with a larger buffer).
int32_t cicu_normalizer_normalize_utf8(cicu_normalizer *normalizer, const char *source, int32_t length,
                                       char *dest, int32_t capacity, int32_t *error_code);

// MARK: Charset conversion

typedef struct cicu_converter cicu_converter;

/// Opens a converter from the charset `name` (any ICU converter name or alias) to UTF-8.
/// Unconvertible or illegal input makes conversion fail instead of substituting.
cicu_converter *cicu_converter_open(const char *name, int32_t *error_code);
void cicu_converter_close(cicu_converter *converter);

/// Converts a chunk of bytes to UTF-8. Set `flush` on the last chunk. Writes at most `capacity`
/// bytes; `*consumed` receives how many source bytes were used. Call again with the rest when
/// U_BUFFER_OVERFLOW_ERROR is reported. On an illegal sequence `error_code` is positive and
/// `*consumed` tells where it is.
int32_t cicu_converter_to_utf8(cicu_converter *converter, const char *source, int32_t length,
                               char *dest, int32_t capacity, int32_t flush, int32_t *consumed,
                               int32_t *error_code);

/// Forgets any partial input so that the converter can start on a new document.
void cicu_converter_reset(cicu_converter *converter);

/// The canonical name ICU uses for a converter name, or NULL when unknown.
const char *cicu_converter_canonical_name(const char *name, int32_t *error_code);

// MARK: Diagnostics

/// ICU's name for an error code ("U_BUFFER_OVERFLOW_ERROR").
const char *cicu_error_name(int32_t error_code);
/// ICU's version, e.g. "72.1".
void cicu_version(char buffer[32]);
/// The Unicode version of ICU's character data, e.g. "15.0".
void cicu_unicode_version(char buffer[32]);

#ifdef __cplusplus
}
#endif

#endif
