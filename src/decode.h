/* decode.h -- bytes to UTF-8 text (see decode.c). */
#ifndef LUOSHI_DECODE_H
#define LUOSHI_DECODE_H
#include "buf.h"
#include "util.h"

int decode_text(const char *zName, const unsigned char *a, size_t n,
                Buf *out, const char **pzEnc, Err *e);

size_t iconv_to_utf8(const char *zFrom, const unsigned char *a, size_t n, Buf *out, int bLenient);

#endif
