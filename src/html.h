/*
** html.h -- the one way to write HTML: escaping is the default.
**
** html_printf() is printf where %s ESCAPES its argument for HTML text and
** attribute values (& < > " '), %r inserts a trusted HTML fragment raw, and
** %U percent-encodes a string for a URL query component.  A precision
** ("%.10s") takes at most that many bytes of the string (whole characters).  Numbers (%d %ld
** %lld %zu %u %g %.1f ...) are formatted as in printf.  Nothing else may put
** a string into a page.
*/
#ifndef LUOSHI_HTML_H
#define LUOSHI_HTML_H
#include "buf.h"
#include <stdarg.h>

void html_printf(Buf *p, const char *zFmt, ...);
void html_vprintf(Buf *p, const char *zFmt, va_list ap);
void html_escape(Buf *p, const char *z, size_t n);
void url_encode(Buf *p, const char *z);

#endif
