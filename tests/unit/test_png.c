/* test_png.c -- the canvas and PNG writer (png.c) and the PNG chart
** (chart.c): a valid PNG whose chunks carry correct CRCs and whose image
** data inflates to the pixels drawn. */
#include "unit.h"
#include "chart.h"
#include "png.h"
#include <stdio.h>
#include <zlib.h>

/* Big-endian 32-bit value at a. */
static unsigned long be32(const unsigned char *a){
  return ((unsigned long)a[0]<<24) | ((unsigned long)a[1]<<16) | ((unsigned long)a[2]<<8) | a[3];
}

/* Walk the chunks of PNG a[0..n): check every CRC, collect IDAT into
** *pZ, return the number of chunks; fill w, h from IHDR and bIend. */
static int walk_png(const unsigned char *a, size_t n, Buf *pZ, int *pW, int *pH, int *pIend){
  static const unsigned char aSig[8] = {137, 'P', 'N', 'G', 13, 10, 26, 10};
  assert_true(n>=8);
  assert_memory_equal(a, aSig, 8);
  size_t i = 8;
  int nChunk = 0;
  *pIend = 0;
  while( i+12<=n ){
    unsigned long len = be32(a+i);
    assert_true(i+12+len<=n);
    const unsigned char *pType = a+i+4;
    uLong crc = crc32(0L, pType, (uInt)(len+4));
    assert_int_equal(crc, be32(a+i+8+len));
    if( memcmp(pType, "IHDR", 4)==0 ){
      assert_int_equal(len, 13);
      *pW = (int)be32(a+i+8);
      *pH = (int)be32(a+i+12);
      assert_int_equal(a[i+16], 8);    /* bit depth */
      assert_int_equal(a[i+17], 2);    /* RGB */
    }
    if( memcmp(pType, "IDAT", 4)==0 ) buf_append(pZ, a+i+8, len);
    if( memcmp(pType, "IEND", 4)==0 ) *pIend = 1;
    nChunk++;
    i += 12+len;
  }
  assert_int_equal(i, n);
  return nChunk;
}

/* Inflate the image data of PNG a into rows (caller frees); checks size. */
static unsigned char *png_pixels(const Buf *png, int *pW, int *pH){
  Buf z = BUF_INIT;
  int iend;
  walk_png((const unsigned char*)png->a, png->n, &z, pW, pH, &iend);
  assert_true(iend);
  uLongf nRaw = (uLongf)((size_t)*pW*3+1) * (uLongf)*pH;
  unsigned char *aRaw = malloc(nRaw+1);
  uLongf got = nRaw+1;
  assert_int_equal(uncompress(aRaw, &got, (const Bytef*)z.a, (uLong)z.n), Z_OK);
  assert_int_equal(got, nRaw);
  buf_free(&z);
  return aRaw;
}

/* The pixel (x, y) of raw rows a of width w as 0xRRGGBB. */
static unsigned pixel(const unsigned char *a, int w, int x, int y){
  const unsigned char *p = a + (size_t)y*((size_t)w*3+1) + 1 + (size_t)x*3;
  return ((unsigned)p[0]<<16) | ((unsigned)p[1]<<8) | p[2];
}

static void test_png_pixels(void **state){
  Canvas c;
  canvas_init(&c, 7, 5, 0xFFFFFF);
  canvas_fill(&c, 1, 1, 2, 3, 0x123456);
  canvas_fill(&c, -10, -10, 11, 11, 0xFF0000);     /* clipped to (0,0) */
  canvas_fill(&c, 6, 4, 100, 100, 0x00FF00);       /* clipped to (6,4) */
  canvas_fill(&c, 50, 50, 3, 3, 0x0000FF);         /* outside: nothing */
  Buf png = BUF_INIT;
  canvas_png(&c, 96, &png);
  int w, h;
  unsigned char *a = png_pixels(&png, &w, &h);
  assert_int_equal(w, 7);
  assert_int_equal(h, 5);
  for(int y=0; y<5; y++) assert_int_equal(a[(size_t)y*(7*3+1)], 0);   /* filter none */
  assert_int_equal(pixel(a, w, 0, 0), 0xFF0000);
  assert_int_equal(pixel(a, w, 1, 0), 0xFFFFFF);
  assert_int_equal(pixel(a, w, 1, 1), 0x123456);
  assert_int_equal(pixel(a, w, 2, 3), 0x123456);
  assert_int_equal(pixel(a, w, 3, 3), 0xFFFFFF);
  assert_int_equal(pixel(a, w, 6, 4), 0x00FF00);
  free(a);
  buf_free(&png);
  canvas_free(&c);
}

static void test_png_phys(void **state){
  Canvas c;
  canvas_init(&c, 2, 2, 0);
  Buf png = BUF_INIT, z = BUF_INIT;
  canvas_png(&c, 192, &png);
  int w, h, iend;
  int n = walk_png((const unsigned char*)png.a, png.n, &z, &w, &h, &iend);
  assert_int_equal(n, 4);        /* IHDR pHYs IDAT IEND */
  const char *p = memmem(png.a, png.n, "pHYs", 4);
  assert_non_null(p);
  assert_int_equal(be32((const unsigned char*)p+4), 7559);   /* 192 dpi in pixels a metre */
  buf_reset(&png);
  canvas_png(&c, 0, &png);
  assert_null(memmem(png.a, png.n, "pHYs", 4));
  buf_free(&png);
  buf_free(&z);
  canvas_free(&c);
}

static void test_text(void **state){
  assert_int_equal(canvas_text_width("", 3), 0);
  assert_int_equal(canvas_text_width("2.1", 1), 17);     /* 3 chars: 6+6+5 */
  assert_int_equal(canvas_text_width("A", 2), 10);
  Canvas c;
  canvas_init(&c, 40, 10, 0xFFFFFF);
  int dx = canvas_text(&c, 1, 1, "1", 1, 0x000000);
  assert_int_equal(dx, 5);
  /* "1": rows 0x04 0x0C 0x04 ... -> the middle column is set on every row */
  for(int r=0; r<7; r++){
    assert_int_equal(c.a[((size_t)(1+r)*40 + 3)*3], 0);
  }
  assert_int_equal(c.a[((size_t)1*40 + 1)*3], 0xFF);    /* top left of "1" is blank */
  /* unknown bytes draw a box, lower case draws as upper case */
  canvas_text(&c, 10, 1, "\xE4", 1, 0x000000);
  assert_int_equal(c.a[((size_t)1*40 + 10)*3], 0);
  canvas_text(&c, 20, 1, "a", 1, 0x000000);
  canvas_text(&c, 30, 1, "A", 1, 0x000000);
  for(int r=0; r<7; r++){
    for(int x=0; x<5; x++){
      assert_int_equal(c.a[((size_t)(1+r)*40 + 20+x)*3], c.a[((size_t)(1+r)*40 + 30+x)*3]);
    }
  }
  /* drawing off the canvas is clipped */
  canvas_text(&c, 38, 8, "888", 4, 0x000000);
  canvas_text(&c, -100, -100, "8", 1, 0x000000);
  canvas_free(&c);
}

static void test_chart_png(void **state){
  Chart ch;
  memset(&ch, 0, sizeof(ch));
  int a1[N_COLOUR] = {6, 2, 1, 1}, a2[N_COLOUR] = {0, 0, 0, 0};
  chart_add(&ch, "2.1", "2.1 聚焦产业强区", a1);
  chart_add(&ch, "A", "A 十件民生实事", a2);
  Buf png = BUF_INIT;
  int w, h;
  chart_png(&ch, &png, &w, &h);
  int w2, h2;
  unsigned char *a = png_pixels(&png, &w2, &h2);
  assert_int_equal(w, w2);
  assert_int_equal(h, h2);
  assert_int_equal(w, 1600);
  /* the first bar starts with the done segment (blue) and ends red */
  int y = 56 + 24;
  assert_int_equal(pixel(a, w, 172, y), 0x4A6FA5);
  assert_int_equal(pixel(a, w, 170+1280-2, y), 0xC8372D);
  /* an empty group draws no bar */
  assert_int_equal(pixel(a, w, 172+300, 56+48+24), 0xFFFFFF);
  free(a);
  buf_reset(&png);
  Buf svg = BUF_INIT;
  chart_svg(&ch, &svg);
  assert_non_null(strstr(svg.a, "<svg "));
  assert_non_null(strstr(svg.a, "2.1 聚焦产业强区"));
  assert_non_null(strstr(svg.a, "fill=\"#c8372d\""));
  buf_free(&svg);
  buf_free(&png);
  chart_free(&ch);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_png_pixels),
    cmocka_unit_test(test_png_phys),
    cmocka_unit_test(test_text),
    cmocka_unit_test(test_chart_png),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
