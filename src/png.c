/*
** png.c -- the canvas and the PNG writer (see png.h).
*/
#include "png.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The 5x7 font: for each character its seven rows, the leftmost pixel in
** bit 4.  Lower-case letters draw as capitals. */
typedef struct Glyph Glyph;
struct Glyph {
  char c;
  unsigned char aRow[7];
};
static const Glyph aGlyph[] = {
  {'0', {0x0E,0x11,0x13,0x15,0x19,0x11,0x0E}},
  {'1', {0x04,0x0C,0x04,0x04,0x04,0x04,0x0E}},
  {'2', {0x0E,0x11,0x01,0x02,0x04,0x08,0x1F}},
  {'3', {0x1F,0x02,0x04,0x02,0x01,0x11,0x0E}},
  {'4', {0x02,0x06,0x0A,0x12,0x1F,0x02,0x02}},
  {'5', {0x1F,0x10,0x1E,0x01,0x01,0x11,0x0E}},
  {'6', {0x06,0x08,0x10,0x1E,0x11,0x11,0x0E}},
  {'7', {0x1F,0x01,0x02,0x04,0x08,0x08,0x08}},
  {'8', {0x0E,0x11,0x11,0x0E,0x11,0x11,0x0E}},
  {'9', {0x0E,0x11,0x11,0x0F,0x01,0x02,0x0C}},
  {'A', {0x0E,0x11,0x11,0x1F,0x11,0x11,0x11}},
  {'B', {0x1E,0x11,0x11,0x1E,0x11,0x11,0x1E}},
  {'C', {0x0E,0x11,0x10,0x10,0x10,0x11,0x0E}},
  {'D', {0x1C,0x12,0x11,0x11,0x11,0x12,0x1C}},
  {'E', {0x1F,0x10,0x10,0x1E,0x10,0x10,0x1F}},
  {'F', {0x1F,0x10,0x10,0x1E,0x10,0x10,0x10}},
  {'G', {0x0E,0x11,0x10,0x17,0x11,0x11,0x0F}},
  {'H', {0x11,0x11,0x11,0x1F,0x11,0x11,0x11}},
  {'I', {0x0E,0x04,0x04,0x04,0x04,0x04,0x0E}},
  {'J', {0x07,0x02,0x02,0x02,0x02,0x12,0x0C}},
  {'K', {0x11,0x12,0x14,0x18,0x14,0x12,0x11}},
  {'L', {0x10,0x10,0x10,0x10,0x10,0x10,0x1F}},
  {'M', {0x11,0x1B,0x15,0x15,0x11,0x11,0x11}},
  {'N', {0x11,0x11,0x19,0x15,0x13,0x11,0x11}},
  {'O', {0x0E,0x11,0x11,0x11,0x11,0x11,0x0E}},
  {'P', {0x1E,0x11,0x11,0x1E,0x10,0x10,0x10}},
  {'Q', {0x0E,0x11,0x11,0x11,0x15,0x12,0x0D}},
  {'R', {0x1E,0x11,0x11,0x1E,0x14,0x12,0x11}},
  {'S', {0x0F,0x10,0x10,0x0E,0x01,0x01,0x1E}},
  {'T', {0x1F,0x04,0x04,0x04,0x04,0x04,0x04}},
  {'U', {0x11,0x11,0x11,0x11,0x11,0x11,0x0E}},
  {'V', {0x11,0x11,0x11,0x11,0x11,0x0A,0x04}},
  {'W', {0x11,0x11,0x11,0x15,0x15,0x15,0x0A}},
  {'X', {0x11,0x11,0x0A,0x04,0x0A,0x11,0x11}},
  {'Y', {0x11,0x11,0x11,0x0A,0x04,0x04,0x04}},
  {'Z', {0x1F,0x01,0x02,0x04,0x08,0x10,0x1F}},
  {'.', {0x00,0x00,0x00,0x00,0x00,0x0C,0x0C}},
  {'%', {0x18,0x19,0x02,0x04,0x08,0x13,0x03}},
  {'-', {0x00,0x00,0x00,0x1F,0x00,0x00,0x00}},
  {'/', {0x00,0x01,0x02,0x04,0x08,0x10,0x00}},
  {'+', {0x00,0x04,0x04,0x1F,0x04,0x04,0x00}},
  {' ', {0x00,0x00,0x00,0x00,0x00,0x00,0x00}},
};
static const unsigned char aBox[7] = {0x1F,0x11,0x11,0x11,0x11,0x11,0x1F};

/* The rows of character c (a box when the font lacks it). */
static const unsigned char *glyph_rows(char c){
  if( c>='a' && c<='z' ) c = (char)(c - 'a' + 'A');
  for(size_t i=0; i<sizeof(aGlyph)/sizeof(aGlyph[0]); i++){
    if( aGlyph[i].c==c ) return aGlyph[i].aRow;
  }
  return aBox;
}

/* See png.h. */
void canvas_init(Canvas *c, int w, int h, Rgb bg){
  if( w<1 ) w = 1;
  if( h<1 ) h = 1;
  if( w>8192 ) w = 8192;
  if( h>8192 ) h = 8192;
  c->w = w;
  c->h = h;
  c->a = xmalloc((size_t)w*(size_t)h*3);
  canvas_fill(c, 0, 0, w, h, bg);
}

/* See png.h. */
void canvas_free(Canvas *c){
  free(c->a);
  memset(c, 0, sizeof(*c));
}

/* See png.h. */
void canvas_fill(Canvas *c, int x, int y, int w, int h, Rgb col){
  int x1 = x+w, y1 = y+h;
  if( x<0 ) x = 0;
  if( y<0 ) y = 0;
  if( x1>c->w ) x1 = c->w;
  if( y1>c->h ) y1 = c->h;
  for(int j=y; j<y1; j++){
    unsigned char *p = c->a + ((size_t)j*(size_t)c->w + (size_t)x)*3;
    for(int i=x; i<x1; i++){
      *p++ = (unsigned char)(col>>16);
      *p++ = (unsigned char)(col>>8);
      *p++ = (unsigned char)col;
    }
  }
}

/* See png.h.  Each character advances 6 font pixels (5 and a gap). */
int canvas_text_width(const char *z, int scale){
  size_t n = strlen(z);
  return n ? (int)(n*6-1)*scale : 0;
}

/* See png.h. */
int canvas_text(Canvas *c, int x, int y, const char *z, int scale, Rgb col){
  int x0 = x;
  for(; *z; z++){
    const unsigned char *aRow = glyph_rows(*z);
    for(int r=0; r<7; r++){
      for(int b=0; b<5; b++){
        if( aRow[r] & (0x10>>b) ) canvas_fill(c, x + b*scale, y + r*scale, scale, scale, col);
      }
    }
    x += 6*scale;
  }
  return x>x0 ? x - x0 - scale : 0;
}

/* Append the 4-byte big-endian v. */
static void put_u32(Buf *p, unsigned long v){
  unsigned char a[4] = {(unsigned char)(v>>24), (unsigned char)(v>>16),
                        (unsigned char)(v>>8), (unsigned char)v};
  buf_append(p, a, 4);
}

/* Append a PNG chunk of type zType (4 letters) holding a[0..n). */
static void put_chunk(Buf *p, const char *zType, const unsigned char *a, size_t n){
  put_u32(p, (unsigned long)n);
  size_t iType = p->n;
  buf_append(p, zType, 4);
  if( n ) buf_append(p, a, n);
  uLong crc = crc32(0L, (const Bytef*)p->a + iType, (uInt)(n+4));
  put_u32(p, crc);
}

/* See png.h. */
void canvas_png(const Canvas *c, int dpi, Buf *out){
  static const unsigned char aSig[8] = {137, 'P', 'N', 'G', 13, 10, 26, 10};
  size_t nRow = (size_t)c->w*3 + 1;
  size_t nRaw = nRow*(size_t)c->h;
  unsigned char *aRaw = xmalloc(nRaw);
  for(int j=0; j<c->h; j++){
    aRaw[nRow*(size_t)j] = 0;     /* filter: none */
    memcpy(aRaw + nRow*(size_t)j + 1, c->a + (size_t)j*(size_t)c->w*3, nRow-1);
  }
  uLongf nZ = compressBound((uLong)nRaw);
  unsigned char *aZ = xmalloc(nZ);
  if( compress2(aZ, &nZ, aRaw, (uLong)nRaw, 9)!=Z_OK ) fatal("png: deflate failed");
  free(aRaw);

  unsigned char aHdr[13];
  aHdr[0] = (unsigned char)(c->w>>24); aHdr[1] = (unsigned char)(c->w>>16);
  aHdr[2] = (unsigned char)(c->w>>8);  aHdr[3] = (unsigned char)c->w;
  aHdr[4] = (unsigned char)(c->h>>24); aHdr[5] = (unsigned char)(c->h>>16);
  aHdr[6] = (unsigned char)(c->h>>8);  aHdr[7] = (unsigned char)c->h;
  aHdr[8] = 8;      /* bit depth */
  aHdr[9] = 2;      /* truecolour */
  aHdr[10] = 0; aHdr[11] = 0; aHdr[12] = 0;
  buf_append(out, aSig, 8);
  put_chunk(out, "IHDR", aHdr, 13);
  if( dpi>0 ){
    unsigned long ppm = (unsigned long)(dpi/0.0254 + 0.5);
    unsigned char aPhys[9];
    for(int k=0; k<2; k++){
      aPhys[k*4] = (unsigned char)(ppm>>24); aPhys[k*4+1] = (unsigned char)(ppm>>16);
      aPhys[k*4+2] = (unsigned char)(ppm>>8); aPhys[k*4+3] = (unsigned char)ppm;
    }
    aPhys[8] = 1;   /* metres */
    put_chunk(out, "pHYs", aPhys, 9);
  }
  put_chunk(out, "IDAT", aZ, nZ);
  put_chunk(out, "IEND", 0, 0);
  free(aZ);
}
