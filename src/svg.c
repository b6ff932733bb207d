/*
** svg.c -- the charts of the pages, drawn by luoshi as inline SVG through
** html_printf (so every label is escaped).  Colours are presentation
** attributes, not style attributes, so that the Content-Security-Policy
** (no inline styles) lets them through.  Every chart has a <title> and an
** aria-label saying in words what it shows.
*/
#include "web.h"
#include <stdio.h>
#include <string.h>

/* Fill colours of the colours, in Colour order. */
static const char *const azFill[N_COLOUR] = {"#2e9d4f", "#e6a700", "#d23c3c", "#4a6fd1"};
static const char *const azName[N_COLOUR] = {"绿灯", "黄灯", "红灯", "已销号"};

/* See web.h. */
void svg_colour_bar(Buf *p, const int *n, int nTotal, int w, int h){
  Buf lbl = BUF_INIT;
  buf_printf(&lbl, "共%d项", nTotal);
  for(int c=0; c<N_COLOUR; c++) if( n[c] ) buf_printf(&lbl, "，%s%d项", azName[c], n[c]);
  html_printf(p, "<svg class=bar viewBox=\"0 0 %d %d\" preserveAspectRatio=none role=img "
                 "aria-label=\"%s\"><title>%s</title>", w, h, buf_str(&lbl), buf_str(&lbl));
  html_printf(p, "<rect width=\"%d\" height=\"%d\" fill=\"#e8e8e8\"/>", w, h);
  double x = 0;
  for(int c=0; c<N_COLOUR && nTotal>0; c++){
    if( n[c]==0 ) continue;
    double dw = (double)w * n[c] / nTotal;
    html_printf(p, "<rect x=\"%.2f\" width=\"%.2f\" height=\"%d\" fill=\"%s\"/>", x, dw, h, azFill[c]);
    x += dw;
  }
  html_printf(p, "</svg>");
  buf_free(&lbl);
}

/* See web.h. */
void svg_progress(Buf *p, double actual, double expected, Colour c, int w, int h){
  char zLbl[128];
  if( actual>=0 ) snprintf(zLbl, sizeof(zLbl), "实际进度%.0f%%，序时进度%.0f%%", actual, expected);
  else snprintf(zLbl, sizeof(zLbl), "尚无采纳的进展，序时进度%.0f%%", expected);
  html_printf(p, "<svg class=prog viewBox=\"0 0 %d %d\" preserveAspectRatio=none role=img "
                 "aria-label=\"%s\"><title>%s</title>", w, h, zLbl, zLbl);
  html_printf(p, "<rect width=\"%d\" height=\"%d\" fill=\"#e8e8e8\"/>", w, h);
  if( actual>0 ){
    double a = actual>100 ? 100 : actual;
    html_printf(p, "<rect width=\"%.2f\" height=\"%d\" fill=\"%s\"/>", w*a/100.0, h, azFill[(unsigned)c % N_COLOUR]);
  }
  double e = expected<0 ? 0 : expected>100 ? 100 : expected;
  html_printf(p, "<rect x=\"%.2f\" width=\"2\" height=\"%d\" fill=\"#222\"/></svg>",
              e>=100 ? w*e/100.0-2 : w*e/100.0, h);
}

/* See web.h. */
void svg_history(Buf *p, const double *v, const char *const *az, int n, double target,
                 const char *zUnit, int w, int h){
  if( n<=0 ) return;
  double vMax = target>0 ? target : 0;
  for(int i=0; i<n; i++) if( v[i]>vMax ) vMax = v[i];
  if( vMax<=0 ) vMax = 1;
  vMax *= 1.1;
  int padL = 8, padR = 8, padT = 14, padB = 22;
  double cw = w - padL - padR, ch = h - padT - padB;
  Buf lbl = BUF_INIT;
  buf_puts(&lbl, "历次采纳的数值：");
  for(int i=0; i<n; i++){
    buf_printf(&lbl, "%s%s ", i ? "，" : "", az[i]);
    web_amount(&lbl, v[i]);
    buf_puts(&lbl, zUnit ? zUnit : "");
  }
  if( target>0 ){
    buf_puts(&lbl, "；目标 ");
    web_amount(&lbl, target);
    buf_puts(&lbl, zUnit ? zUnit : "");
  }
  html_printf(p, "<svg class=hist viewBox=\"0 0 %d %d\" role=img aria-label=\"%s\"><title>%s</title>",
              w, h, buf_str(&lbl), buf_str(&lbl));
  html_printf(p, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>",
              padL, padT+ch, w-padR, padT+ch);
  if( target>0 ){
    double y = padT + ch - ch*target/vMax;
    html_printf(p, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d23c3c\" "
                   "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
                   "fill=\"#d23c3c\" text-anchor=\"end\">目标</text>",
                padL, y, w-padR, y, w-padR, y-3);
  }
  Buf pts = BUF_INIT;
  for(int i=0; i<n; i++){
    double x = padL + (n==1 ? cw/2 : cw*i/(n-1));
    double y = padT + ch - ch*v[i]/vMax;
    buf_printf(&pts, "%s%.1f,%.1f", i ? " " : "", x, y);
  }
  if( n>1 ) html_printf(p, "<polyline points=\"%s\" fill=\"none\" stroke=\"#2e6bd1\" stroke-width=\"2\"/>", buf_str(&pts));
  for(int i=0; i<n; i++){
    double x = padL + (n==1 ? cw/2 : cw*i/(n-1));
    double y = padT + ch - ch*v[i]/vMax;
    html_printf(p, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2e6bd1\"/>", x, y);
    html_printf(p, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">%s</text>",
                x, h-6, az[i]);
  }
  html_printf(p, "</svg>");
  buf_free(&pts);
  buf_free(&lbl);
}
