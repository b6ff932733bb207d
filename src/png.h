/*
** png.h -- a tiny RGB canvas and PNG writer, enough for the bar charts of
** the briefing's DOCX: filled rectangles, lines and labels in a built-in
** 5x7 pixel font (digits, capital letters, . % - / + and space), encoded
** as a truecolour PNG with zlib's deflate.  No external tool runs.
**
** Chinese text cannot be drawn here; a chart labels its bars with ASCII
** keys ("2.1", "A3") and the document's caption names them.
*/
#ifndef LUOSHI_PNG_H
#define LUOSHI_PNG_H
#include "buf.h"

/* An RGB image, 3 bytes a pixel, rows top to bottom. */
typedef struct Canvas Canvas;
struct Canvas {
  int w, h;            /* size in pixels */
  unsigned char *a;    /* w*h*3 bytes, owned */
};

/* A colour as 0xRRGGBB. */
typedef unsigned int Rgb;

/* Make a w x h canvas filled with colour bg (w, h from 1 to 8192). */
void canvas_init(Canvas *c, int w, int h, Rgb bg);
void canvas_free(Canvas *c);
/* Fill the rectangle from (x,y), w wide and h high, clipped to c. */
void canvas_fill(Canvas *c, int x, int y, int w, int h, Rgb col);
/* Draw text z (ASCII; other bytes draw as a box) with its top left at
** (x,y), each font pixel a scale x scale square; returns the width drawn. */
int canvas_text(Canvas *c, int x, int y, const char *z, int scale, Rgb col);
/* Width in pixels that canvas_text() would draw. */
int canvas_text_width(const char *z, int scale);
/* Append c as a PNG file to out (8-bit RGB, no interlace); dpi is
** written in the pHYs chunk when positive. */
void canvas_png(const Canvas *c, int dpi, Buf *out);

#endif
