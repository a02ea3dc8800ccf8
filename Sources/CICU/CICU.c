// Implementation of the cicu_* shim; see include/CICU.h for the contract and why it exists.
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

struct cicu_word_breaker {
    UBreakIterator *iterator;
    UText *text;
};

cicu_word_breaker *cicu_word_breaker_open(const char *locale, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return NULL;
    }
    cicu_word_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    *error_code = status;
    return breaker;
}

void cicu_word_breaker_close(cicu_word_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->text) utext_close(breaker->text);
    free(breaker);
}

void cicu_word_breaker_set_utf8(cicu_word_breaker *breaker, const char *text, int64_t length,
                                int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    // Reusing the UText (passing it back in) avoids an allocation per review.
    breaker->text = utext_openUTF8(breaker->text, text, length, &status);
    if (U_SUCCESS(status)) ubrk_setUText(breaker->iterator, breaker->text, &status);
    *error_code = status;
}

int64_t cicu_word_breaker_next(cicu_word_breaker *breaker, int32_t *rule_status) {
    int32_t boundary = ubrk_next(breaker->iterator);
    if (boundary == UBRK_DONE) return -1;
    if (rule_status) *rule_status = ubrk_getRuleStatus(breaker->iterator);
    // With a UTF-8 UText, ICU's indices are native (byte) indices.
    return boundary;
}

static const UNormalizer2 *normalizer_for(cicu_normalization mode, UErrorCode *status) {
    switch (mode) {
    case CICU_NORMALIZE_NFKC: return unorm2_getNFKCInstance(status);
    case CICU_NORMALIZE_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: return NULL;
    }
}

int32_t cicu_normalize_utf8(cicu_normalization mode, const char *source, int32_t length,
                            char *dest, int32_t capacity, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    // UTF-8 → UTF-16 (ICU's normalizers work on UTF-16).
    int32_t utf16_length = 0;
    u_strFromUTF8(NULL, 0, &utf16_length, source, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) { *error_code = status; return 0; }
    status = U_ZERO_ERROR;
    UChar small_in[256], small_out[512];
    UChar *in = utf16_length < 256 ? small_in : malloc(sizeof(UChar) * (utf16_length + 1));
    u_strFromUTF8(in, utf16_length + 1, NULL, source, length, &status);
    // NFKC can expand a string (one compatibility character becomes up to 18), folding up to 3×.
    int32_t out_capacity = utf16_length * 18 + 16;
    UChar *out = out_capacity <= 512 ? small_out : malloc(sizeof(UChar) * out_capacity);
    int32_t out_length = 0;
    if (U_SUCCESS(status)) {
        if (mode == CICU_NORMALIZE_CASEFOLD) {
            out_length = u_strFoldCase(out, out_capacity, in, utf16_length, U_FOLD_CASE_DEFAULT, &status);
        } else {
            const UNormalizer2 *normalizer = normalizer_for(mode, &status);
            if (U_SUCCESS(status) && normalizer == NULL) status = U_ILLEGAL_ARGUMENT_ERROR;
            if (U_SUCCESS(status))
                out_length = unorm2_normalize(normalizer, in, utf16_length, out, out_capacity, &status);
        }
    }
    int32_t result_length = 0;
    if (U_SUCCESS(status)) u_strToUTF8(dest, capacity, &result_length, out, out_length, &status);
    if (in != small_in) free(in);
    if (out != small_out) free(out);
    *error_code = status;
    return result_length;
}

struct cicu_normalizer {
    cicu_normalization mode;
    const UNormalizer2 *normalizer; // NFKC, or NULL for plain case folding
    int fold;                       // full case folding after NFKC
    UChar *in, *out, *folded;
    int32_t in_capacity, out_capacity, folded_capacity;
};

cicu_normalizer *cicu_normalizer_open(cicu_normalization mode, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = NULL;
    // NFKC then full case folding rather than ICU's NFKC_Casefold: that one also deletes every
    // Default_Ignorable code point, ZERO WIDTH JOINER and variation selectors included, which
    // would split emoji ZWJ sequences (👨‍👩‍👧) into separate tokens.
    if (mode != CICU_NORMALIZE_CASEFOLD) {
        normalizer = normalizer_for(CICU_NORMALIZE_NFKC, &status);
        if (U_SUCCESS(status) && normalizer == NULL) status = U_ILLEGAL_ARGUMENT_ERROR;
        if (U_FAILURE(status)) { *error_code = status; return NULL; }
    }
    cicu_normalizer *result = calloc(1, sizeof *result);
    if (result == NULL) { *error_code = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    result->mode = mode;
    result->normalizer = normalizer;
    result->fold = mode == CICU_NORMALIZE_NFKC_CASEFOLD;
    *error_code = U_ZERO_ERROR;
    return result;
}

void cicu_normalizer_close(cicu_normalizer *normalizer) {
    if (normalizer == NULL) return;
    free(normalizer->in);
    free(normalizer->out);
    free(normalizer->folded);
    free(normalizer);
}

// Grows a UTF-16 work buffer to hold at least `needed` units; false when memory runs out.
static int reserve_units(UChar **buffer, int32_t *capacity, int32_t needed) {
    if (needed <= *capacity) return 1;
    int32_t grown = needed + needed / 2 + 64;
    UChar *larger = realloc(*buffer, sizeof(UChar) * (size_t)grown);
    if (larger == NULL) return 0;
    *buffer = larger;
    *capacity = grown;
    return 1;
}

int32_t cicu_normalizer_normalize_utf8(cicu_normalizer *normalizer, const char *source, int32_t length,
                                       char *dest, int32_t capacity, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    // UTF-8 never needs more UTF-16 units than it has bytes.
    if (!reserve_units(&normalizer->in, &normalizer->in_capacity, length + 1)) {
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
    int32_t in_length = 0;
    u_strFromUTF8(normalizer->in, normalizer->in_capacity, &in_length, source, length, &status);
    if (U_FAILURE(status)) { *error_code = status; return 0; }
    // Most text grows little; on overflow ICU reports the length it needs and we redo it once.
    int32_t out_length = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        int32_t wanted = attempt == 0 ? in_length + in_length / 4 + 16 : out_length + 16;
        if (!reserve_units(&normalizer->out, &normalizer->out_capacity, wanted)) {
            *error_code = U_MEMORY_ALLOCATION_ERROR;
            return 0;
        }
        status = U_ZERO_ERROR;
        if (normalizer->normalizer == NULL) {
            out_length = u_strFoldCase(normalizer->out, normalizer->out_capacity, normalizer->in, in_length,
                                       U_FOLD_CASE_DEFAULT, &status);
        } else {
            out_length = unorm2_normalize(normalizer->normalizer, normalizer->in, in_length, normalizer->out,
                                          normalizer->out_capacity, &status);
        }
        if (status != U_BUFFER_OVERFLOW_ERROR) break;
    }
    if (U_FAILURE(status)) { *error_code = status; return 0; }
    const UChar *result = normalizer->out;
    int32_t result_units = out_length;
    if (normalizer->fold) {
        // Folding NFKC text can leave it unnormalized (U+01F0 ǰ folds to j + U+030C), so the
        // result is normalized again when the quick check says it must be.
        for (int attempt = 0; attempt < 2; attempt++) {
            int32_t wanted = attempt == 0 ? out_length + out_length / 4 + 16 : result_units + 16;
            if (!reserve_units(&normalizer->folded, &normalizer->folded_capacity, wanted)) {
                *error_code = U_MEMORY_ALLOCATION_ERROR;
                return 0;
            }
            status = U_ZERO_ERROR;
            result_units = u_strFoldCase(normalizer->folded, normalizer->folded_capacity, normalizer->out,
                                         out_length, U_FOLD_CASE_DEFAULT, &status);
            if (status != U_BUFFER_OVERFLOW_ERROR) break;
        }
        if (U_FAILURE(status)) { *error_code = status; return 0; }
        result = normalizer->folded;
        if (!unorm2_isNormalized(normalizer->normalizer, normalizer->folded, result_units, &status)) {
            int32_t folded_units = result_units;
            for (int attempt = 0; attempt < 2; attempt++) {
                int32_t wanted = attempt == 0 ? folded_units * 2 + 16 : result_units + 16;
                if (!reserve_units(&normalizer->out, &normalizer->out_capacity, wanted)) {
                    *error_code = U_MEMORY_ALLOCATION_ERROR;
                    return 0;
                }
                status = U_ZERO_ERROR;
                result_units = unorm2_normalize(normalizer->normalizer, normalizer->folded, folded_units,
                                                normalizer->out, normalizer->out_capacity, &status);
                if (status != U_BUFFER_OVERFLOW_ERROR) break;
            }
            result = normalizer->out;
        }
        if (U_FAILURE(status)) { *error_code = status; return 0; }
    }
    int32_t result_length = 0;
    u_strToUTF8(dest, capacity, &result_length, result, result_units, &status);
    *error_code = status;
    return result_length;
}

struct cicu_converter {
    UConverter *source;
    UConverter *utf8;
    UChar pivot[1024];
    UChar *pivot_source;
    UChar *pivot_target;
};

cicu_converter *cicu_converter_open(const char *name, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *source = ucnv_open(name, &status);
    if (U_FAILURE(status)) { *error_code = status; return NULL; }
    // Fail on illegal or unmappable input rather than silently substituting U+FFFD.
    ucnv_setToUCallBack(source, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    UConverter *utf8 = ucnv_open("UTF-8", &status);
    if (U_FAILURE(status)) { ucnv_close(source); *error_code = status; return NULL; }
    cicu_converter *converter = calloc(1, sizeof *converter);
    converter->source = source;
    converter->utf8 = utf8;
    converter->pivot_source = converter->pivot;
    converter->pivot_target = converter->pivot;
    *error_code = U_ZERO_ERROR;
    return converter;
}

void cicu_converter_close(cicu_converter *converter) {
    if (converter == NULL) return;
    ucnv_close(converter->source);
    ucnv_close(converter->utf8);
    free(converter);
}

int32_t cicu_converter_to_utf8(cicu_converter *converter, const char *source, int32_t length,
                               char *dest, int32_t capacity, int32_t flush, int32_t *consumed,
                               int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    const char *source_cursor = source;
    char *target_cursor = dest;
    ucnv_convertEx(converter->utf8, converter->source, &target_cursor, dest + capacity,
                   &source_cursor, source + length, converter->pivot, &converter->pivot_source,
                   &converter->pivot_target, converter->pivot + 1024, 0, flush ? 1 : 0, &status);
    *consumed = (int32_t)(source_cursor - source);
    *error_code = status;
    return (int32_t)(target_cursor - dest);
}

void cicu_converter_reset(cicu_converter *converter) {
    ucnv_reset(converter->source);
    ucnv_reset(converter->utf8);
    converter->pivot_source = converter->pivot;
    converter->pivot_target = converter->pivot;
}

const char *cicu_converter_canonical_name(const char *name, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status)) { *error_code = status; return NULL; }
    const char *canonical = ucnv_getName(converter, &status);
    ucnv_close(converter);
    *error_code = status;
    return canonical;
}

const char *cicu_error_name(int32_t error_code) { return u_errorName((UErrorCode)error_code); }

void cicu_version(char buffer[32]) {
    UVersionInfo version;
    u_getVersion(version);
    u_versionToString(version, buffer);
}

void cicu_unicode_version(char buffer[32]) {
    UVersionInfo version;
    u_getUnicodeVersion(version);
    u_versionToString(version, buffer);
}
