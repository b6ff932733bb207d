/*
** chart.c -- stacked colour bars as SVG and PNG (see chart.h).
*/
#include "chart.h"
#include "html.h"
#include "png.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Segment order from left to right, and their colours. */
static const Colour aOrder[N_COLOUR] = {COLOUR_DONE, COLOUR_GREEN, COLOUR_YELLOW, COLOUR_RED};
static const Rgb aRgb[N_COLOUR] = {0x3A9D5D, 0xE0B12F, 0xC8372D, 0x4A6FA5};
static const char *const azHex[N_COLOUR] = {"#3a9d5d", "#e0b12f", "#c8372d", "#4a6fa5"};
static const char *const azLabel[N_COLOUR] = {"绿灯", "黄灯", "红灯", "已销号"};

/* See chart.h. */
const char *chart_colour(Colour k){
  return (unsigned)k < N_COLOUR ? azHex[k] : "#999999";
}

/* See chart.h. */
void chart_add(Chart *c, const char *zKey, const char *zName, const int n[N_COLOUR]){
  ChartBar *b = ARRAY_PUSH(c->aBar, c->nBar, c->nBarAlloc);
  b->zKey = xstrdup(zKey);
  b->zName = xstrdup(zName);
  memcpy(b->n, n, sizeof(b->n));
}

/* See chart.h. */
void chart_free(Chart *c){
  for(int i=0; i<c->nBar; i++){ free(c->aBar[i].zKey); free(c->aBar[i].zName); }
  free(c->aBar);
  memset(c, 0, sizeof(*c));
}

/* Tasks of bar b. */
static int bar_total(const ChartBar *b){
  int n = 0;
  for(int k=0; k<N_COLOUR; k++) n += b->n[k];
  return n;
}

/* See chart.h.  Layout in user units: labels 0..200, bars 210..550,
** counts after. */
void chart_svg(const Chart *c, Buf *out){
  const int rowH = 26, top = 28, x0 = 210, barW = 340;
  int h = top + rowH*c->nBar + 30;
  html_printf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 %d\" "
                   "width=\"100%%\" role=\"img\" aria-label=\"各领域任务状态\">\n", h);
  html_printf(out, "<style>text{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;font-size:13px}</style>\n");
  for(int t=0; t<=4; t++){
    int x = x0 + barW*t/4;
    html_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
                     "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%d%%</text>\n",
                x, top-6, x, top + rowH*c->nBar, x, top-10, t*25);
  }
  for(int i=0; i<c->nBar; i++){
    const ChartBar *b = &c->aBar[i];
    int y = top + rowH*i, n = bar_total(b), x = x0, acc = 0;
    char *zName = utf8_cut(b->zName, 14);
    html_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", x0-8, y+17, zName);
    free(zName);
    for(int k=0; k<N_COLOUR && n>0; k++){
      Colour col = aOrder[k];
      if( b->n[col]==0 ) continue;
      acc += b->n[col];
      int x1 = x0 + (int)((long)barW*acc/n);
      html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"><title>%s %d</title></rect>",
                  x, y+4, x1-x, azHex[col], azLabel[col], b->n[col]);
      if( x1-x >= 16 ){
        html_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"11\">%d</text>",
                    (x+x1)/2, y+17, b->n[col]);
      }
      html_printf(out, "\n");
      x = x1;
    }
    html_printf(out, "<text x=\"%d\" y=\"%d\">%d项</text>\n", x0+barW+8, y+17, n);
  }
  /* legend */
  int yl = top + rowH*c->nBar + 20, xl = x0;
  for(int k=0; k<N_COLOUR; k++){
    Colour col = aOrder[k];
    html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                     "<text x=\"%d\" y=\"%d\">%s</text>\n",
                xl, yl-11, azHex[col], xl+16, yl, azLabel[col]);
    xl += 75;
  }
  html_printf(out, "</svg>\n");
}

/* See chart.h.  1600 pixels wide, the font at scale 3; the document
** scales the image to its text width. */
void chart_png(const Chart *c, Buf *out, int *pW, int *pH){
  const int s = 3, rowH = 48, top = 56, x0 = 170, barW = 1280, w = 1600;
  int h = top + rowH*c->nBar + 24;
  Canvas cv;
  canvas_init(&cv, w, h, 0xFFFFFF);
  for(int t=0; t<=4; t++){
    int x = x0 + barW*t/4;
    char z[8];
    snprintf(z, sizeof(z), "%d%%", t*25);
    canvas_fill(&cv, x, top-8, 2, rowH*c->nBar + 8, 0xCCCCCC);
    canvas_text(&cv, x - canvas_text_width(z, s)/2, top-8-7*s-8, z, s, 0x666666);
  }
  for(int i=0; i<c->nBar; i++){
    const ChartBar *b = &c->aBar[i];
    int y = top + rowH*i, n = bar_total(b), x = x0, acc = 0;
    canvas_text(&cv, x0 - 16 - canvas_text_width(b->zKey, s), y + (rowH-7*s)/2, b->zKey, s, 0x222222);
    for(int k=0; k<N_COLOUR && n>0; k++){
      Colour col = aOrder[k];
      if( b->n[col]==0 ) continue;
      acc += b->n[col];
      int x1 = x0 + (int)((long)barW*acc/n);
      canvas_fill(&cv, x, y+6, x1-x, rowH-12, aRgb[col]);
      char z[16];
      snprintf(z, sizeof(z), "%d", b->n[col]);
      int tw = canvas_text_width(z, s);
      if( x1-x >= tw+12 ) canvas_text(&cv, (x+x1-tw)/2, y + (rowH-7*s)/2, z, s, 0xFFFFFF);
      x = x1;
    }
    char z[16];
    snprintf(z, sizeof(z), "%d", n);
    canvas_text(&cv, x0+barW+16, y + (rowH-7*s)/2, z, s, 0x222222);
  }
  canvas_png(&cv, 192, out);
  *pW = cv.w;
  *pH = cv.h;
  canvas_free(&cv);
}
