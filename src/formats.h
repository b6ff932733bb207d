/*
** formats.h -- the readers of published report formats: HTML (html_in.c),
** DOCX (docx_in.c) and PDF (pdf_in.c), and the line writer they share
** (formats.c).
**
** Each reader turns the bytes of one file into plain UTF-8 text that looks
** like a well-formed plain-text report: one paragraph per line, headings on
** their own line, list numbering written out at the start of its paragraph
** ("一、", "（一）", "1."), one line per table row with its cells separated
** by a tab, and no page furniture or web chrome.  The extractor then runs on
** that text exactly as on a .txt file, and every span counts code points of
** it.  source.c picks the reader by content.
**
** A reader returns 0 and fills out (reset first), or sets e to a one-line
** message naming the file, what it is and what to do, and returns nonzero.
** *pzEnc gets the character encoding of the input (a static string).
*/
#ifndef LUOSHI_FORMATS_H
#define LUOSHI_FORMATS_H
#include "buf.h"
#include "util.h"
#include <stddef.h>

int html_to_text(const char *zName, const unsigned char *a, size_t n,
                 Buf *out, const char **pzEnc, Err *e);
int docx_to_text(const char *zName, const unsigned char *a, size_t n,
                 Buf *out, const char **pzEnc, Err *e);
int pdf_to_text(const char *zName, const unsigned char *a, size_t n,
                Buf *out, const char **pzEnc, Err *e);

/* Whether the n bytes at a look like HTML: 2 for a whole page (after a BOM
** and white space it opens with <!DOCTYPE html, <html, <head, <body, <meta
** or <title), 1 for a fragment that opens with a tag and holds several <p>,
** <div>, <br> or table tags in its first 64 KiB, 0 for text. */
int html_sniff(const unsigned char *a, size_t n);

/* The charset an HTML page declares in <meta charset=...>, <meta
** http-equiv="Content-Type" content="...; charset=..."> or <?xml
** encoding=...?> within its first 4 KiB, as one of the static names
** "UTF-8", "GB2312", "GBK", "GB18030", "BIG5"; NULL when none or unknown. */
const char *html_meta_charset(const unsigned char *a, size_t n);

/* Append the number n (>=1) written in the OOXML number format zFmt
** ("decimal", "chineseCounting", "chineseCountingThousand",
** "ideographTraditional", "decimalFullWidth", "upperRoman", ...) to out.
** Unknown formats are written as decimal; "bullet" and "none" write
** nothing. */
void docx_format_number(Buf *out, int n, const char *zFmt);

/* One glyph of a PDF page: its code point and box (points, origin at the
** top left of the page, y growing downwards). */
typedef struct PdfChar PdfChar;
struct PdfChar {
  unsigned cp;       /* the Unicode code point */
  double x1, y1;     /* top left of the glyph box */
  double x2, y2;     /* bottom right */
};

/* The text layout of a PDF, page by page, turned into plain text: glyphs
** grouped into lines by baseline, lines into columns, running headers,
** footers and page numbers dropped, the lines of one paragraph joined.
** Used by pdf_to_text(); separate so that tests can feed it synthetic
** glyph boxes. */
typedef struct PdfLayout PdfLayout;
PdfLayout *pdf_layout_new(void);
/* Add one page of nChar glyphs (copied) of a page w x h points. */
void pdf_layout_add_page(PdfLayout *p, const PdfChar *aChar, int nChar,
                         double w, double h);
/* Write the text of all pages added so far to out; returns the number of
** glyphs seen (0 for a PDF without a text layer). */
int pdf_layout_text(PdfLayout *p, Buf *out);
void pdf_layout_free(PdfLayout *p);

/*
** The line writer: inline text goes to the current line with white space
** collapsed (a space between two Chinese characters is dropped), a line
** ends only when it has text, and table cells are separated by one tab.
** Output lines end with "\n"; no line is empty.
*/
typedef struct TextWriter TextWriter;
struct TextWriter {
  Buf *out;          /* where the text goes (not owned) */
  size_t iLine;      /* offset in out where the current line starts */
  unsigned cpLast;   /* last code point of the current line, 0 when empty */
  int bSpace;        /* a space is pending before the next character */
  int bTab;          /* a cell separator is pending */
  /* When set, called with each finished line (no "\n"); returning nonzero
  ** drops the line. */
  int (*xDrop)(const char *zLine, size_t nLine, void *pArg);
  void *pArg;        /* passed to xDrop */
};
void tw_init(TextWriter *w, Buf *out);
void tw_text(TextWriter *w, const char *z, size_t n);
void tw_space(TextWriter *w);
void tw_cell(TextWriter *w);
void tw_line(TextWriter *w);

/* Helpers shared by the readers. */
int cp_is_wide(unsigned cp);     /* CJK or full-width: no space around it */
int cp_is_space(unsigned cp);    /* white space, including U+3000, U+00A0 */
int cp_is_han(unsigned cp);      /* a Chinese character (CJK ideograph) */
/* Count Chinese characters in n bytes of UTF-8 at z. */
int count_han(const char *z, size_t n);

#endif
