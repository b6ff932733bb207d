/*
** doc.c -- the document model and its HTML and text renderings (see
** doc.h; the DOCX rendering is docx_out.c).
*/
#include "doc.h"
#include "html.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See doc.h. */
void doc_add(Doc *d, BlockKind k, const char *zFmt, ...){
  va_list ap;
  Buf b = BUF_INIT;
  va_start(ap, zFmt);
  buf_vprintf(&b, zFmt, ap);
  va_end(ap);
  Block *p = ARRAY_PUSH(d->aBlock, d->nBlock, d->nBlockAlloc);
  p->kind = k;
  p->zText = b.a ? buf_detach(&b) : xstrdup("");
}

/* See doc.h. */
DocTable *doc_table(Doc *d, int nCol, const char *const *azHead, const int *aWidth){
  if( nCol<1 || nCol>16 ) fatal("doc_table: %d columns", nCol);
  DocTable *t = xcalloc(1, sizeof(DocTable));
  t->nCol = nCol;
  for(int i=0; i<nCol; i++){
    t->aWidth[i] = aWidth[i];
    doc_cell(t, -1, "%s", azHead[i]);
  }
  Block *p = ARRAY_PUSH(d->aBlock, d->nBlock, d->nBlockAlloc);
  p->kind = BLK_TABLE;
  p->pTable = t;
  return t;
}

/* See doc.h. */
void doc_cell(DocTable *t, int colour, const char *zFmt, ...){
  va_list ap;
  Buf b = BUF_INIT;
  va_start(ap, zFmt);
  buf_vprintf(&b, zFmt, ap);
  va_end(ap);
  int nOld = t->nCellAlloc;
  char **pz = ARRAY_PUSH(t->azCell, t->nCell, t->nCellAlloc);
  *pz = b.a ? buf_detach(&b) : xstrdup("");
  if( t->nCellAlloc!=nOld ) t->aColour = xrealloc(t->aColour, (size_t)t->nCellAlloc);
  t->aColour[t->nCell-1] = (signed char)colour;
}

/* See doc.h. */
int doc_table_rows(const DocTable *t){
  return t->nCell/t->nCol - 1;
}

/* See doc.h. */
void doc_chart(Doc *d, Chart *c){
  Block *p = ARRAY_PUSH(d->aBlock, d->nBlock, d->nBlockAlloc);
  p->kind = BLK_CHART;
  p->pChart = c;
}

/* See doc.h. */
void doc_free(Doc *d){
  for(int i=0; i<d->nBlock; i++){
    Block *p = &d->aBlock[i];
    free(p->zText);
    if( p->pTable ){
      for(int k=0; k<p->pTable->nCell; k++) free(p->pTable->azCell[k]);
      free(p->pTable->azCell);
      free(p->pTable->aColour);
      free(p->pTable);
    }
    if( p->pChart ){
      chart_free(p->pChart);
      free(p->pChart);
    }
  }
  free(d->aBlock);
  free(d->zTitle);
  memset(d, 0, sizeof(*d));
}

/* The page: A4 with the margins of GB/T 9704 on screen and in print, the
** 公文 fonts first and the Noto CJK fonts as fallbacks. */
static const char zCss[] =
  ".gongwen{box-sizing:border-box;width:210mm;min-height:297mm;margin:0 auto;"
  "padding:37mm 26mm 35mm 28mm;background:#fff;color:#000;"
  "font-family:\"仿宋_GB2312\",\"仿宋\",FangSong,STFangsong,\"Noto Serif CJK SC\",serif;"
  "font-size:16pt;line-height:28.95pt;text-align:justify}\n"
  ".gongwen p{margin:0;text-indent:2em}\n"
  ".gongwen .number{text-align:center;text-indent:0;padding-bottom:4pt;"
  "border-bottom:2px solid #c00;margin-bottom:28pt}\n"
  ".gongwen h1{font-family:\"方正小标宋简体\",\"方正小标宋_GBK\",FZXiaoBiaoSong-B05S,\"Noto Serif CJK SC\",serif;"
  "font-size:22pt;line-height:1.5;font-weight:bold;text-align:center;margin:0 0 28.95pt}\n"
  ".gongwen .to{text-indent:0}\n"
  ".gongwen h2{font-family:\"黑体\",SimHei,\"Noto Sans CJK SC\",sans-serif;font-size:16pt;"
  "font-weight:normal;margin:0;text-indent:2em}\n"
  ".gongwen h3{font-family:\"楷体_GB2312\",\"楷体\",KaiTi,STKaiti,\"Noto Serif CJK SC\",serif;font-size:16pt;"
  "font-weight:normal;margin:0;text-indent:2em}\n"
  ".gongwen table{width:100%;border-collapse:collapse;font-size:12pt;line-height:1.4;margin:6pt 0}\n"
  ".gongwen th,.gongwen td{border:1px solid #000;padding:2pt 4pt;text-align:center}\n"
  ".gongwen th{font-family:\"黑体\",SimHei,\"Noto Sans CJK SC\",sans-serif;font-weight:normal}\n"
  ".gongwen td.l{text-align:left}\n"
  ".gongwen td.c0{background:#d9efe0}.gongwen td.c1{background:#fbefc6}"
  ".gongwen td.c2{background:#f6d2cf}.gongwen td.c3{background:#dbe4f1}\n"
  ".gongwen .caption{text-align:center;text-indent:0;font-size:12pt;line-height:1.5}\n"
  ".gongwen .chart{display:block;margin:6pt 0 0}\n"
  ".gongwen .sign,.gongwen .date{text-align:right;text-indent:0;padding-right:4em}\n"
  ".gongwen .sign{margin-top:28.95pt}\n"
  "@media screen{body.gongwen-page{background:#e8e8e8;margin:0;padding:16px 0}}\n"
  "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
  "@media print{.gongwen{width:auto;min-height:0;padding:0}}\n";

/* See doc.h. */
const char *doc_css(void){
  return zCss;
}

/* True when the cell text is long enough to be set flush left. */
static int cell_left(const char *z){
  return utf8_count(z, strlen(z)) > 12;
}

/* Append table t as HTML. */
static void table_html(const DocTable *t, Buf *out){
  html_printf(out, "<table>\n<colgroup>");
  for(int c=0; c<t->nCol; c++) html_printf(out, "<col style=\"width:%.1f%%\">", t->aWidth[c]/10.0);
  html_printf(out, "</colgroup>\n<thead><tr>");
  for(int c=0; c<t->nCol; c++) html_printf(out, "<th>%s</th>", t->azCell[c]);
  html_printf(out, "</tr></thead>\n<tbody>\n");
  for(int i=t->nCol; i<t->nCell; i++){
    if( i % t->nCol==0 ) html_printf(out, "<tr>");
    const char *z = t->azCell[i];
    int k = t->aColour[i];
    if( k>=0 && cell_left(z) ) html_printf(out, "<td class=\"c%d l\">%s</td>", k, z);
    else if( k>=0 ) html_printf(out, "<td class=\"c%d\">%s</td>", k, z);
    else if( cell_left(z) ) html_printf(out, "<td class=\"l\">%s</td>", z);
    else html_printf(out, "<td>%s</td>", z);
    if( i % t->nCol==t->nCol-1 ) html_printf(out, "</tr>\n");
  }
  html_printf(out, "</tbody></table>\n");
}

/* See doc.h. */
void doc_html(const Doc *d, int bFragment, Buf *out){
  if( !bFragment ){
    html_printf(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<title>%s</title>\n<style>\n%r</style>\n</head>\n<body class=\"gongwen-page\">\n",
                d->zTitle ? d->zTitle : "", zCss);
  }
  html_printf(out, "<article class=\"gongwen\">\n");
  for(int i=0; i<d->nBlock; i++){
    const Block *p = &d->aBlock[i];
    switch( p->kind ){
      case BLK_NUMBER:    html_printf(out, "<p class=\"number\">%s</p>\n", p->zText); break;
      case BLK_TITLE: {
        html_printf(out, "<h1>");
        const char *z = p->zText, *zNl;
        while( (zNl = strchr(z, '\n'))!=0 ){
          html_escape(out, z, (size_t)(zNl-z));
          html_printf(out, "<br>");
          z = zNl+1;
        }
        html_printf(out, "%s</h1>\n", z);
        break;
      }
      case BLK_ADDRESSEE: html_printf(out, "<p class=\"to\">%s</p>\n", p->zText); break;
      case BLK_H1:        html_printf(out, "<h2>%s</h2>\n", p->zText); break;
      case BLK_H2:        html_printf(out, "<h3>%s</h3>\n", p->zText); break;
      case BLK_PARA:      html_printf(out, "<p>%s</p>\n", p->zText); break;
      case BLK_CAPTION:   html_printf(out, "<p class=\"caption\">%s</p>\n", p->zText); break;
      case BLK_SIGN:      html_printf(out, "<p class=\"sign\">%s</p>\n", p->zText); break;
      case BLK_DATE:      html_printf(out, "<p class=\"date\">%s</p>\n", p->zText); break;
      case BLK_TABLE:     table_html(p->pTable, out); break;
      case BLK_CHART:     chart_svg(p->pChart, out); break;
    }
  }
  html_printf(out, "</article>\n");
  if( !bFragment ) html_printf(out, "</body>\n</html>\n");
}

/* Append table t as text: one line a row, cells between bars. */
static void table_text(const DocTable *t, Buf *out){
  for(int i=0; i<t->nCell; i++){
    buf_puts(out, i % t->nCol==0 ? "| " : " | ");
    buf_puts(out, t->azCell[i]);
    if( t->aColour[i]>=0 && strcmp(t->azCell[i], colour_label((Colour)t->aColour[i]))!=0 ) buf_printf(out, " [%s]", colour_label((Colour)t->aColour[i]));
    if( i % t->nCol==t->nCol-1 ) buf_puts(out, " |\n");
  }
}

/* Append chart c as text: one line a bar with its counts. */
static void chart_text(const Chart *c, Buf *out){
  static const Colour aOrder[N_COLOUR] = {COLOUR_DONE, COLOUR_GREEN, COLOUR_YELLOW, COLOUR_RED};
  for(int i=0; i<c->nBar; i++){
    const ChartBar *b = &c->aBar[i];
    buf_printf(out, "[图] %s", b->zName);
    for(int k=0; k<N_COLOUR; k++) buf_printf(out, " %s%d", colour_label(aOrder[k]), b->n[aOrder[k]]);
    buf_putc(out, '\n');
  }
}

/* See doc.h. */
void doc_text(const Doc *d, Buf *out){
  for(int i=0; i<d->nBlock; i++){
    const Block *p = &d->aBlock[i];
    switch( p->kind ){
      case BLK_TABLE: table_text(p->pTable, out); break;
      case BLK_CHART: chart_text(p->pChart, out); break;
      case BLK_PARA:  buf_printf(out, "　　%s\n", p->zText); break;
      case BLK_SIGN: case BLK_DATE: buf_printf(out, "%40s%s\n", "", p->zText); break;
      default: buf_printf(out, "%s\n", p->zText); break;
    }
    if( p->kind==BLK_NUMBER || p->kind==BLK_TITLE ) buf_putc(out, '\n');
  }
}
