/*
** doc.h -- a small document model for the documents luoshi writes in
** 公文 style (the briefing): a list of blocks -- 文号, title, 主送,
** headings, paragraphs, tables, charts, captions, the issuing office and
** the date -- built once and rendered three ways:
**   doc_html()  an HTML page (or an <article> for a page of the web app),
**               A4-like, fonts named as 公文 wants with fallbacks, charts
**               as inline SVG;
**   doc_text()  plain text (golden tests, terminals);
**   doc_docx()  a Word document (docx_out.c): GB/T 9704 margins and
**               fonts, tables, page numbers, charts as PNG.
** The model holds only text and counts; whoever builds it decides what
** they say.
*/
#ifndef LUOSHI_DOC_H
#define LUOSHI_DOC_H
#include "buf.h"
#include "chart.h"
#include "util.h"

typedef enum BlockKind {
  BLK_NUMBER = 0,      /* 文号, centred, a red rule under it */
  BLK_TITLE,           /* 二号 方正小标宋, centred */
  BLK_ADDRESSEE,       /* 主送 (各镇（街道）、区直各部门：), not indented */
  BLK_H1,              /* 一、 in 黑体 */
  BLK_H2,              /* （一） in 楷体 */
  BLK_PARA,            /* body text, first line indented two characters */
  BLK_TABLE,
  BLK_CHART,
  BLK_CAPTION,         /* a chart's or table's caption, centred, smaller */
  BLK_SIGN,            /* the issuing office, right */
  BLK_DATE             /* the date under it, right */
} BlockKind;

/* A table: a header row and rows of text cells. */
typedef struct DocTable DocTable;
struct DocTable {
  int nCol;
  int nCell, nCellAlloc;   /* cells so far, row-major; the first nCol are the header */
  char **azCell;
  signed char *aColour;    /* per cell: -1, or a Colour to mark the cell with */
  int aWidth[16];          /* column widths in per mille of the text width */
};

typedef struct Block Block;
struct Block {
  BlockKind kind;
  char *zText;             /* the text (NULL for tables and charts) */
  DocTable *pTable;        /* BLK_TABLE */
  Chart *pChart;           /* BLK_CHART */
};

typedef struct Doc Doc;
struct Doc {
  char *zTitle;            /* document title (metadata, <title>) */
  Block *aBlock;
  int nBlock, nBlockAlloc;
};

/* Add a text block; zFmt is printf-style (the text is not markup; a
** newline breaks the line). */
void doc_add(Doc *d, BlockKind k, const char *zFmt, ...) __attribute__((format(printf, 3, 4)));
/* Add a table of nCol (at most 16) columns; azHead its nCol header texts,
** aWidth their widths in per mille.  Returns it to add cells to. */
DocTable *doc_table(Doc *d, int nCol, const char *const *azHead, const int *aWidth);
/* Add the next cell of t (row-major); colour -1 or a Colour. */
void doc_cell(DocTable *t, int colour, const char *zFmt, ...) __attribute__((format(printf, 3, 4)));
/* Rows of t, not counting the header. */
int doc_table_rows(const DocTable *t);
/* Add a chart; the document takes it over (and frees it). */
void doc_chart(Doc *d, Chart *c);
void doc_free(Doc *d);

/* The CSS of the HTML rendering (static), for pages that embed the
** fragment. */
const char *doc_css(void);
/* Render d as HTML: a whole page, or (bFragment) only its
** <article class="gongwen"> element (style it with doc_css()). */
void doc_html(const Doc *d, int bFragment, Buf *out);
/* Render d as plain text: one block a paragraph, tables as | cells |. */
void doc_text(const Doc *d, Buf *out);
/* Render d as a .docx file into out (docx_out.c).  zCreated is the
** document's date (YYYY-MM-DD) for its properties. */
int doc_docx(const Doc *d, const char *zCreated, Buf *out, Err *e);

#endif
