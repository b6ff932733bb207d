/*
** docx_out.c -- a document (doc.h) as a Word .docx file: WordprocessingML
** parts written here and zipped in memory with libzip.
**
** The page follows GB/T 9704 (党政机关公文格式): A4, margins top 37 mm,
** bottom 35 mm, left 28 mm, right 26 mm; body 三号 (16 pt) 仿宋_GB2312 at a
** fixed 28.95 pt line pitch (22 lines a page); title 二号 (22 pt)
** 方正小标宋简体; first-level headings 黑体, second-level 楷体_GB2312;
** page numbers "— N —" in 四号 宋体, odd pages right, even pages left.
** Each Chinese font names a fallback in the font table (w:altName: Noto
** Serif CJK SC or Noto Sans CJK SC) for machines without it.  Tables are
** ruled, header rows repeat on each page, colour cells are shaded; charts
** are PNG images (chart.h) as wide as the text.
**
** Every part is plain XML: element order follows the OOXML schema so that
** Word, WPS and LibreOffice all open it.  Entry times are the document's
** date, so the same document gives the same bytes.
*/
#include "doc.h"
#include "html.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* Page geometry in twentieths of a point (twips). */
#define PAGE_W     11906   /* 210 mm */
#define PAGE_H     16838   /* 297 mm */
#define MARGIN_T    2098   /* 37 mm */
#define MARGIN_B    1984   /* 35 mm */
#define MARGIN_L    1587   /* 28 mm */
#define MARGIN_R    1474   /* 26 mm */
#define TEXT_W     (PAGE_W - MARGIN_L - MARGIN_R)
#define LINE_PITCH   579   /* 28.95 pt: 22 lines in 225 mm */
#define EMU_PER_TWIP 635   /* English metric units */

/* The fonts: 公文 names and the fallback each names. */
#define FONT_BODY   "仿宋_GB2312"
#define FONT_TITLE  "方正小标宋简体"
#define FONT_HEI    "黑体"
#define FONT_KAI    "楷体_GB2312"
#define FONT_SONG   "宋体"
#define FONT_LATIN  "Times New Roman"

static const char zXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
#define NS_W   "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"

/* Append z as XML text: escaped, control characters (invalid in XML 1.0)
** dropped. */
static void xml_text(Buf *p, const char *z){
  size_t i = 0, j = 0, n = strlen(z);
  for(; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c<0x20 && c!='\t' ){
      html_escape(p, z+j, i-j);
      j = i+1;
    }
  }
  html_escape(p, z+j, n-j);
}

/* Append run properties naming font zFont (east Asian and Latin unless
** bLatin, which keeps Times New Roman for Latin text) and size nHalf
** half-points (0: inherit). */
static void run_props(Buf *p, const char *zFont, int bLatin, int nHalf){
  buf_puts(p, "<w:rPr>");
  if( zFont ){
    const char *zL = bLatin ? FONT_LATIN : zFont;
    buf_printf(p, "<w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\" w:cs=\"%s\" w:hint=\"eastAsia\"/>",
               zL, zL, zFont, zL);
  }
  if( nHalf ) buf_printf(p, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", nHalf, nHalf);
  buf_puts(p, "</w:rPr>");
}

/* Append one run holding text z; a newline in z breaks the line. */
static void run_text(Buf *p, const char *zRPr, const char *z){
  buf_puts(p, "<w:r>");
  if( zRPr ) buf_puts(p, zRPr);
  for(;;){
    const char *zNl = strchr(z, '\n');
    char *zLine = zNl ? xstrndup(z, (size_t)(zNl-z)) : 0;
    buf_puts(p, "<w:t xml:space=\"preserve\">");
    xml_text(p, zLine ? zLine : z);
    buf_puts(p, "</w:t>");
    free(zLine);
    if( zNl==0 ) break;
    buf_puts(p, "<w:br/>");
    z = zNl+1;
  }
  buf_puts(p, "</w:r>");
}

/* The paragraph style of block kind k. */
static const char *block_style(BlockKind k){
  switch( k ){
    case BLK_NUMBER:    return "GwNumber";
    case BLK_TITLE:     return "GwTitle";
    case BLK_ADDRESSEE: return "GwAddressee";
    case BLK_H1:        return "GwH1";
    case BLK_H2:        return "GwH2";
    case BLK_CAPTION:   return "GwCaption";
    case BLK_SIGN:      return "GwSign";
    case BLK_DATE:      return "GwDate";
    case BLK_CHART:     return "GwChart";
    default:            return "Normal";
  }
}

/* Shading of colour k (status.h Colour) for table cells. */
static const char *cell_fill(int k){
  static const char *const az[] = {"D9EFE0", "FBEFC6", "F6D2CF", "DBE4F1"};
  return k>=0 && k<4 ? az[k] : 0;
}

/* Append table t to the body. */
static void table_xml(Buf *p, const DocTable *t){
  int aW[16], sum = 0;
  for(int c=0; c<t->nCol; c++){
    aW[c] = (int)((long)TEXT_W * t->aWidth[c] / 1000);
    sum += aW[c];
  }
  if( sum<TEXT_W ) aW[t->nCol-1] += TEXT_W - sum;
  buf_puts(p, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblBorders>");
  static const char *const azSide[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
  for(int i=0; i<6; i++){
    buf_printf(p, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", azSide[i]);
  }
  buf_puts(p, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
              "<w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
              "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
  for(int c=0; c<t->nCol; c++) buf_printf(p, "<w:gridCol w:w=\"%d\"/>", aW[c]);
  buf_puts(p, "</w:tblGrid>");
  Buf hdr = BUF_INIT;
  run_props(&hdr, FONT_HEI, 1, 0);
  for(int i=0; i<t->nCell; i++){
    int c = i % t->nCol, head = i < t->nCol;
    if( c==0 ){
      buf_puts(p, "<w:tr>");
      if( head ) buf_puts(p, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
      else buf_puts(p, "<w:trPr><w:cantSplit/></w:trPr>");
    }
    const char *z = t->azCell[i];
    buf_printf(p, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", aW[c]);
    const char *zFill = cell_fill(t->aColour[i]);
    if( zFill ) buf_printf(p, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", zFill);
    buf_puts(p, "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"GwCell\"/>");
    if( !head && utf8_count(z, strlen(z))>12 ) buf_puts(p, "<w:jc w:val=\"left\"/>");
    buf_puts(p, "</w:pPr>");
    run_text(p, head ? hdr.a : 0, z);
    buf_puts(p, "</w:p></w:tc>");
    if( c==t->nCol-1 ) buf_puts(p, "</w:tr>");
  }
  buf_free(&hdr);
  buf_puts(p, "</w:tbl>");
}

/* Append an inline picture (relationship zRid, cx x cy EMU, number n). */
static void picture_xml(Buf *p, const char *zRid, long cx, long cy, int n){
  buf_printf(p,
    "<w:p><w:pPr><w:pStyle w:val=\"GwChart\"/></w:pPr><w:r><w:drawing>"
    "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
    "<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
    "<wp:docPr id=\"%d\" name=\"chart%d\"/>"
    "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
    "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
    "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"chart%d.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
    "<pic:blipFill><a:blip r:embed=\"%s\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
    "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
    "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
    cx, cy, n, n, n, n, zRid, cx, cy);
}

/* One part of the package. */
typedef struct Part Part;
struct Part {
  char *zName;         /* path in the zip */
  Buf data;
};

/* A new part named zName in *pa. */
static Buf *part_new(Part **pa, int *pn, int *pnAlloc, const char *zName){
  Part *q = ARRAY_PUSH(*pa, *pn, *pnAlloc);
  q->zName = xstrdup(zName);
  return &q->data;
}

/* word/styles.xml */
static void styles_xml(Buf *p){
  buf_puts(p, zXmlHead);
  buf_puts(p, "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
              "<w:rFonts w:ascii=\"" FONT_LATIN "\" w:hAnsi=\"" FONT_LATIN "\" w:eastAsia=\"" FONT_BODY "\""
              " w:cs=\"" FONT_LATIN "\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
              "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
              "<w:pPrDefault><w:pPr>");
  buf_printf(p, "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" w:lineRule=\"exact\"/>"
                "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>", LINE_PITCH);
  /* Normal: the body, first line indented two characters */
  buf_puts(p, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
              "<w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr></w:style>");
  struct { const char *zId, *zName, *zPPr, *zFont; int bLatin, nHalf; } a[] = {
    {"GwNumber", "公文 文号",
     "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"FF0000\"/></w:pBdr>"
     "<w:spacing w:after=\"579\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     FONT_BODY, 1, 32},
    {"GwTitle", "公文 标题",
     "<w:keepNext/><w:spacing w:after=\"579\" w:line=\"700\" w:lineRule=\"exact\"/>"
     "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     FONT_TITLE, 0, 44},
    {"GwAddressee", "公文 主送", "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>", FONT_BODY, 1, 32},
    {"GwH1", "公文 一级标题", "<w:keepNext/><w:outlineLvl w:val=\"0\"/>", FONT_HEI, 1, 32},
    {"GwH2", "公文 二级标题", "<w:keepNext/><w:outlineLvl w:val=\"1\"/>", FONT_KAI, 1, 32},
    {"GwCaption", "公文 图表标题",
     "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\" w:line=\"360\" w:lineRule=\"exact\"/>"
     "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     FONT_HEI, 1, 24},
    {"GwCell", "公文 表格",
     "<w:spacing w:line=\"320\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     FONT_BODY, 1, 24},
    {"GwChart", "公文 图",
     "<w:keepNext/><w:spacing w:before=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>"
     "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     0, 0, 0},
    {"GwSign", "公文 发文机关署名",
     "<w:keepNext/><w:spacing w:before=\"1158\"/><w:ind w:rightChars=\"400\" w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>",
     FONT_BODY, 1, 32},
    {"GwDate", "公文 成文日期",
     "<w:ind w:rightChars=\"400\" w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>",
     FONT_BODY, 1, 32},
    {"GwFooter", "公文 页码",
     "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
     FONT_SONG, 1, 28},
  };
  for(size_t i=0; i<sizeof(a)/sizeof(a[0]); i++){
    buf_printf(p, "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"%s\"><w:name w:val=\"%s\"/>"
                  "<w:basedOn w:val=\"Normal\"/>", a[i].zId, a[i].zName);
    if( strcmp(a[i].zId, "GwCaption")!=0 && strcmp(a[i].zId, "GwCell")!=0 ) buf_puts(p, "<w:qFormat/>");
    buf_printf(p, "<w:pPr>%s</w:pPr>", a[i].zPPr);
    if( a[i].zFont || a[i].nHalf ) run_props(p, a[i].zFont, a[i].bLatin, a[i].nHalf);
    buf_puts(p, "</w:style>");
  }
  buf_puts(p, "</w:styles>");
}

/* word/fontTable.xml: each Chinese font with its fallback. */
static void fonts_xml(Buf *p){
  static const struct { const char *zName, *zAlt, *zFamily; } a[] = {
    {FONT_BODY,  "Noto Serif CJK SC", "modern"},
    {FONT_TITLE, "Noto Serif CJK SC", "script"},
    {FONT_HEI,   "Noto Sans CJK SC",  "modern"},
    {FONT_KAI,   "Noto Serif CJK SC", "modern"},
    {FONT_SONG,  "Noto Serif CJK SC", "roman"},
  };
  buf_puts(p, zXmlHead);
  buf_puts(p, "<w:fonts xmlns:w=\"" NS_W "\">");
  for(size_t i=0; i<sizeof(a)/sizeof(a[0]); i++){
    buf_printf(p, "<w:font w:name=\"%s\"><w:altName w:val=\"%s\"/><w:charset w:val=\"86\"/>"
                  "<w:family w:val=\"%s\"/><w:pitch w:val=\"variable\"/></w:font>",
               a[i].zName, a[i].zAlt, a[i].zFamily);
  }
  buf_puts(p, "<w:font w:name=\"" FONT_LATIN "\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
              "<w:pitch w:val=\"variable\"/></w:font></w:fonts>");
}

/* A footer with the page number "— N —" aligned zJc. */
static void footer_xml(Buf *p, const char *zJc){
  buf_puts(p, zXmlHead);
  buf_printf(p, "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p><w:pPr><w:pStyle w:val=\"GwFooter\"/>"
                "<w:ind w:left=\"280\" w:right=\"280\"/><w:jc w:val=\"%s\"/></w:pPr>", zJc);
  buf_puts(p, "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
              "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
              "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
              "<w:r><w:t>1</w:t></w:r>"
              "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
              "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>");
}

/* Add the parts of d to *pa: the body, the charts' images and the
** document's relationships. */
static void body_parts(const Doc *d, Part **pa, int *pn, int *pnAlloc){
  Buf *pDoc = part_new(pa, pn, pnAlloc, "word/document.xml");
  Buf rels = BUF_INIT;
  int nImg = 0;
  buf_puts(pDoc, zXmlHead);
  buf_puts(pDoc, "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\""
                 " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
                 " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                 " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
  for(int i=0; i<d->nBlock; i++){
    const Block *b = &d->aBlock[i];
    if( b->kind==BLK_TABLE ){
      table_xml(pDoc, b->pTable);
      continue;
    }
    if( b->kind==BLK_CHART ){
      Buf png = BUF_INIT;
      int w, h;
      chart_png(b->pChart, &png, &w, &h);
      char zName[64], zRid[32];
      nImg++;
      snprintf(zName, sizeof(zName), "word/media/chart%d.png", nImg);
      snprintf(zRid, sizeof(zRid), "rIdImg%d", nImg);
      Buf *pImg = part_new(pa, pn, pnAlloc, zName);
      *pImg = png;
      buf_printf(&rels, "<Relationship Id=\"%s\" Type=\"" NS_R "/image\" Target=\"media/chart%d.png\"/>",
                 zRid, nImg);
      long cx = (long)TEXT_W * EMU_PER_TWIP;
      picture_xml(pDoc, zRid, cx, cx * h / w, nImg);
      continue;
    }
    buf_printf(pDoc, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", block_style(b->kind));
    run_text(pDoc, 0, b->zText);
    buf_puts(pDoc, "</w:p>");
  }
  buf_printf(pDoc, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFtrOdd\"/>"
                   "<w:footerReference w:type=\"even\" r:id=\"rIdFtrEven\"/>"
                   "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
                   "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer=\"1247\" w:gutter=\"0\"/>"
                   "<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"%d\"/></w:sectPr>"
                   "</w:body></w:document>",
             PAGE_W, PAGE_H, MARGIN_T, MARGIN_R, MARGIN_B, MARGIN_L, LINE_PITCH);
  Buf *pRels = part_new(pa, pn, pnAlloc, "word/_rels/document.xml.rels");
  buf_puts(pRels, zXmlHead);
  buf_puts(pRels, "<Relationships xmlns=\"" NS_REL "\">"
                  "<Relationship Id=\"rIdStyles\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
                  "<Relationship Id=\"rIdSettings\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
                  "<Relationship Id=\"rIdFonts\" Type=\"" NS_R "/fontTable\" Target=\"fontTable.xml\"/>"
                  "<Relationship Id=\"rIdFtrOdd\" Type=\"" NS_R "/footer\" Target=\"footer1.xml\"/>"
                  "<Relationship Id=\"rIdFtrEven\" Type=\"" NS_R "/footer\" Target=\"footer2.xml\"/>");
  if( rels.a ) buf_puts(pRels, rels.a);
  buf_puts(pRels, "</Relationships>");
  buf_free(&rels);
}

/* Zip the parts a[0..n) into out; entries dated t. */
static int zip_parts(const Part *a, int n, time_t t, Buf *out, Err *e){
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(0, 0, 0, &ze);
  if( src==0 ) return err_set(e, ERR_INTERNAL, "docx: %s", zip_error_strerror(&ze));
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if( za==0 ){
    zip_source_free(src);
    return err_set(e, ERR_INTERNAL, "docx: %s", zip_error_strerror(&ze));
  }
  for(int i=0; i<n; i++){
    zip_source_t *s = zip_source_buffer(za, a[i].data.a, a[i].data.n, 0);
    zip_int64_t idx = s ? zip_file_add(za, a[i].zName, s, ZIP_FL_ENC_UTF_8) : -1;
    if( idx<0 ){
      if( s ) zip_source_free(s);
      err_set(e, ERR_INTERNAL, "docx: %s: %s", a[i].zName, zip_strerror(za));
      zip_discard(za);
      zip_source_free(src);
      return -1;
    }
    zip_file_set_mtime(za, (zip_uint64_t)idx, t, 0);
    if( strstr(a[i].zName, ".png") ) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  }
  if( zip_close(za) ){
    err_set(e, ERR_INTERNAL, "docx: %s", zip_strerror(za));
    zip_discard(za);
    zip_source_free(src);
    return -1;
  }
  int rc = 0;
  zip_stat_t st;
  if( zip_source_stat(src, &st) || zip_source_open(src) ){
    rc = err_set(e, ERR_INTERNAL, "docx: cannot read the archive back");
  }else{
    buf_grow(out, (size_t)st.size);
    zip_int64_t got = zip_source_read(src, out->a + out->n, st.size);
    if( got!=(zip_int64_t)st.size ) rc = err_set(e, ERR_INTERNAL, "docx: short read of the archive");
    else{ out->n += (size_t)got; out->a[out->n] = 0; }
    zip_source_close(src);
  }
  zip_source_free(src);
  return rc;
}

/* See doc.h. */
int doc_docx(const Doc *d, const char *zCreated, Buf *out, Err *e){
  Part *a = 0;
  int n = 0, nAlloc = 0;
  char zDate[11] = "2026-01-01";
  if( zCreated && date_valid(zCreated) ) memcpy(zDate, zCreated, 10);
  struct tm tmv;
  memset(&tmv, 0, sizeof(tmv));
  tmv.tm_year = atoi(zDate) - 1900;
  tmv.tm_mon = atoi(zDate+5) - 1;
  tmv.tm_mday = atoi(zDate+8);
  tmv.tm_hour = 12;
  tmv.tm_isdst = -1;
  time_t t = mktime(&tmv);

  Buf *p = part_new(&a, &n, &nAlloc, "[Content_Types].xml");
  buf_puts(p, zXmlHead);
  buf_puts(p, "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              "<Default Extension=\"png\" ContentType=\"image/png\"/>"
              "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
              "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
              "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
              "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
              "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
              "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
              "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
              "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
              "</Types>");
  p = part_new(&a, &n, &nAlloc, "_rels/.rels");
  buf_puts(p, zXmlHead);
  buf_puts(p, "<Relationships xmlns=\"" NS_REL "\">"
              "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
              "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
              "<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" Target=\"docProps/app.xml\"/>"
              "</Relationships>");
  p = part_new(&a, &n, &nAlloc, "docProps/core.xml");
  buf_puts(p, zXmlHead);
  buf_puts(p, "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
              " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
              " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
  xml_text(p, d->zTitle ? d->zTitle : "");
  buf_printf(p, "</dc:title><dc:creator>luoshi</dc:creator><dc:language>zh-CN</dc:language>"
                "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z</dcterms:created>"
                "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z</dcterms:modified>"
                "</cp:coreProperties>", zDate, zDate);
  p = part_new(&a, &n, &nAlloc, "docProps/app.xml");
  buf_puts(p, zXmlHead);
  buf_puts(p, "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
              "<Application>luoshi " LUOSHI_VERSION "</Application></Properties>");
  body_parts(d, &a, &n, &nAlloc);
  styles_xml(part_new(&a, &n, &nAlloc, "word/styles.xml"));
  p = part_new(&a, &n, &nAlloc, "word/settings.xml");
  buf_puts(p, zXmlHead);
  buf_puts(p, "<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
              "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
              "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
              "</w:settings>");
  fonts_xml(part_new(&a, &n, &nAlloc, "word/fontTable.xml"));
  footer_xml(part_new(&a, &n, &nAlloc, "word/footer1.xml"), "right");
  footer_xml(part_new(&a, &n, &nAlloc, "word/footer2.xml"), "left");
  int rc = zip_parts(a, n, t, out, e);
  for(int i=0; i<n; i++){ free(a[i].zName); buf_free(&a[i].data); }
  free(a);
  return rc;
}
