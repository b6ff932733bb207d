/*
** chart.h -- the briefing's one kind of chart: horizontal bars, one per
** group of tasks, each split by colour (done, green, yellow, red) in
** proportion to its tasks, drawn as SVG (for HTML) or PNG (for DOCX).
** The chart is given its counts; it decides nothing.
*/
#ifndef LUOSHI_CHART_H
#define LUOSHI_CHART_H
#include "buf.h"
#include "status.h"

/* One bar. */
typedef struct ChartBar ChartBar;
struct ChartBar {
  char *zKey;          /* short ASCII label drawn in the PNG: "2.1", "A" */
  char *zName;         /* full label in the SVG: "2.1 聚焦产业强区…" */
  int n[N_COLOUR];     /* tasks per colour (status.h Colour) */
};

typedef struct Chart Chart;
struct Chart {
  ChartBar *aBar;
  int nBar, nBarAlloc;
};

/* Add a bar (copies the strings). */
void chart_add(Chart *c, const char *zKey, const char *zName, const int n[N_COLOUR]);
void chart_free(Chart *c);
/* Append the chart as an inline <svg> element (labels escaped). */
void chart_svg(const Chart *c, Buf *out);
/* Append the chart as a PNG image, *pW x *pH pixels at 192 dpi. */
void chart_png(const Chart *c, Buf *out, int *pW, int *pH);
/* The colours of the segments as "#rrggbb" (static), by Colour. */
const char *chart_colour(Colour k);

#endif
