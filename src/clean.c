/*
** clean.c -- from the decoded source text to the clean text P (see
** xtext.h): escapes and entities decoded, web chrome before the report and
** after its end removed, page furniture (continuation markers, page
** numbers, page headers, editor lines, photo captions, footnote markers)
** removed, and paragraphs cut by a page break joined.  Everything removed is
** listed in Extraction.aSkip with its reason.
*/
#include "xtext.h"
#include <stdlib.h>
#include <strings.h>

/* ---------------------------------------------------------------- Xmap */

/* Record that byte dst of the derived text is byte src of the original.
** Anchors must be added with ascending dst. */
void xmap_add(Xmap *m, int dst, int src){
  if( m->n>0 ){
    int k = m->n - 1;
    if( dst - m->aDst[k] == src - m->aSrc[k] ) return;   /* still in step */
    if( m->aDst[k]==dst ){ m->aSrc[k] = src; return; }
  }
  if( m->n>=m->nAlloc ){
    m->nAlloc = m->nAlloc ? m->nAlloc*2 : 64;
    m->aDst = xrealloc(m->aDst, sizeof(int)*(size_t)m->nAlloc);
    m->aSrc = xrealloc(m->aSrc, sizeof(int)*(size_t)m->nAlloc);
  }
  m->aDst[m->n] = dst;
  m->aSrc[m->n] = src;
  m->n++;
}

/* The original offset of derived offset dst. */
int xmap_get(const Xmap *m, int dst){
  int lo = 0, hi = m->n - 1;
  if( m->n==0 ) return dst;
  while( lo<hi ){
    int mid = (lo + hi + 1)/2;
    if( m->aDst[mid] <= dst ) lo = mid; else hi = mid - 1;
  }
  return m->aSrc[lo] + (dst - m->aDst[lo]);
}

/* Free the anchors of m. */
void xmap_free(Xmap *m){
  free(m->aDst);
  free(m->aSrc);
  memset(m, 0, sizeof(*m));
}

/* Copy z[i..i+n) to out, recording in m that it came from offset i. */
static void emit(Buf *out, Xmap *m, const char *z, int i, int n){
  if( n<=0 ) return;
  xmap_add(m, (int)out->n, i);
  buf_append(out, z + i, (size_t)n);
}

/* Append the replacement text zRep to out, recording that it stands for
** the original bytes starting at i. */
static void emit_rep(Buf *out, Xmap *m, int i, const char *zRep){
  xmap_add(m, (int)out->n, i);
  buf_puts(out, zRep);
}

/* --------------------------------------------------- spans and skips */

/* Code point index of source byte b. */
static int src_cp(Ctx *c, int b){
  const Extraction *p = c->p;
  if( b<=0 ) return 0;
  if( (size_t)b>=p->nSource ) return p->nChars;
  /* spans are mostly asked for in document order: count on from the last
  ** answer when it is close, else from the checkpoint */
  int k = b / CK_STEP;
  int from = k*CK_STEP, cps = c->aCk[k];
  if( c->iLastByte<=b && c->iLastByte>from ){ from = c->iLastByte; cps = c->iLastCp; }
  cps += (int)utf8_count(p->zSource + from, (size_t)(b - from));
  c->iLastByte = b;
  c->iLastCp = cps;
  return cps;
}

/* Source byte of W byte w. */
static int w_to_src(Ctx *c, int w){
  return xmap_get(&c->mW, w);
}

/* The source span, in code points, of W bytes [wStart, wEnd). The end is
** found through the last character so that a deletion right after the
** range does not stretch it. */
static XSpan w_span(Ctx *c, int wStart, int wEnd){
  XSpan s;
  s.iStart = src_cp(c, w_to_src(c, wStart));
  if( wEnd<=wStart ){ s.iEnd = s.iStart; return s; }
  int wLast = u8_prev(c->W.a, wEnd);
  s.iEnd = src_cp(c, w_to_src(c, wLast)) + 1;
  if( s.iEnd < s.iStart ) s.iEnd = s.iStart;
  return s;
}

/* See xtext.h: the source span of P bytes [iStart, iEnd). */
XSpan ctx_span(Ctx *c, int iStart, int iEnd){
  XSpan s;
  s.iStart = src_cp(c, w_to_src(c, xmap_get(&c->mP, iStart)));
  if( iEnd<=iStart ){ s.iEnd = s.iStart; return s; }
  int pLast = u8_prev(c->P.a, iEnd);
  int wLast = xmap_get(&c->mP, pLast);
  s.iEnd = src_cp(c, w_to_src(c, wLast)) + 1;
  if( s.iEnd < s.iStart ) s.iEnd = s.iStart;
  return s;
}

/* A new string with P bytes [iStart, iEnd). Caller frees. */
char *ctx_text(Ctx *c, int iStart, int iEnd){
  return xstrndup(c->P.a + iStart, (size_t)(iEnd - iStart));
}

/* List W bytes [wStart, wEnd) as skipped for reason zWhy (static). */
void ctx_skip(Ctx *c, int wStart, int wEnd, const char *zWhy){
  if( wEnd<=wStart ) return;
  Extraction *p = c->p;
  XSkip *s = ARRAY_PUSH(p->aSkip, p->nSkip, p->nSkipAlloc);
  s->span = w_span(c, wStart, wEnd);
  s->zText = xstrndup(c->W.a + wStart, (size_t)(wEnd - wStart));
  s->zWhy = zWhy;
}

/* ------------------------------------------------------ normalization */

/* Named HTML entities that web-scraped reports carry. */
static const struct { const char *zName; const char *zRep; } aEntity[] = {
  {"nbsp", " "}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""},
  {"apos", "'"}, {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"},
  {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"},
  {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"},
  {"hellip", "\xE2\x80\xA6"}, {"middot", "\xC2\xB7"}, {"times", "\xC3\x97"},
  {"ensp", " "}, {"emsp", " "}, {"thinsp", " "}, {"zwj", ""}, {"zwnj", ""},
  {"shy", ""}, {"deg", "\xC2\xB0"}, {"plusmn", "\xC2\xB1"},
};

/* Length of an HTML entity at z[i] ('&'), its replacement in zRep (room
** for 8 bytes). 0 when there is none. */
static int entity_at(const char *z, int i, int n, char *zRep){
  int j = i + 1;
  if( j<n && z[j]=='#' ){
    unsigned v = 0;
    int hex = 0, nd = 0;
    j++;
    if( j<n && (z[j]=='x' || z[j]=='X') ){ hex = 1; j++; }
    for(; j<n && nd<7; j++, nd++){
      char ch = z[j];
      if( ch>='0' && ch<='9' ) v = v*(hex?16:10) + (unsigned)(ch-'0');
      else if( hex && ch>='a' && ch<='f' ) v = v*16 + (unsigned)(ch-'a'+10);
      else if( hex && ch>='A' && ch<='F' ) v = v*16 + (unsigned)(ch-'A'+10);
      else break;
    }
    if( nd==0 || j>=n || z[j]!=';' ) return 0;
    if( v==0xA0 || v==0x3000 ) v = ' ';
    if( v==0 || v>0x10FFFF ) v = 0xFFFD;
    int k = utf8_encode(v, zRep);
    zRep[k] = 0;
    return j + 1 - i;
  }
  for(size_t k=0; k<sizeof(aEntity)/sizeof(aEntity[0]); k++){
    int len = (int)strlen(aEntity[k].zName);
    if( j+len<n && memcmp(z+j, aEntity[k].zName, (size_t)len)==0 && z[j+len]==';' ){
      strcpy(zRep, aEntity[k].zRep);
      return len + 2;
    }
  }
  return 0;
}

/* Length of an HTML tag at z[i] ('<') left in a text by a scraper
** ("<br>", "</p>", "<p class=…>", "<span style=…>"), and in *pzRep what
** stands for it: a line break for block tags, a space for cells, nothing
** for inline ones.  0 when it is no known tag. */
static int tag_at(const char *z, int i, int n, const char **pzRep){
  static const struct { const char *zName; const char *zRep; } aTag[] = {
    {"br", "\n"}, {"p", "\n"}, {"div", "\n"}, {"tr", "\n"}, {"li", "\n"}, {"h1", "\n"},
    {"h2", "\n"}, {"h3", "\n"}, {"h4", "\n"}, {"h5", "\n"}, {"h6", "\n"}, {"table", "\n"},
    {"tbody", "\n"}, {"ul", "\n"}, {"ol", "\n"}, {"section", "\n"}, {"article", "\n"},
    {"td", " "}, {"th", " "}, {"span", ""}, {"strong", ""}, {"b", ""}, {"em", ""}, {"i", ""},
    {"u", ""}, {"font", ""}, {"a", ""}, {"img", ""}, {"sup", ""}, {"sub", ""},
  };
  int j = i + 1;
  if( j<n && z[j]=='/' ) j++;
  for(size_t k=0; k<sizeof(aTag)/sizeof(aTag[0]); k++){
    int len = (int)strlen(aTag[k].zName);
    if( j+len>=n || strncasecmp(z+j, aTag[k].zName, (size_t)len)!=0 ) continue;
    char c = z[j+len];
    if( c!='>' && c!=' ' && c!='/' && c!='\t' ) continue;
    for(int q=j+len; q<n && q<i+400; q++){
      if( z[q]=='>' ){ *pzRep = aTag[k].zRep; return q + 1 - i; }
      if( z[q]=='<' || z[q]=='\n' ) break;
    }
    return 0;
  }
  return 0;
}

/* Pass 1: source -> W. Literal "\r\n" escapes and CR LF become LF, HTML
** entities are decoded, odd spaces become ASCII spaces, zero-width
** characters go. */
static void normalize(Ctx *c){
  const char *z = c->p->zSource;
  int n = (int)c->p->nSource;
  int i = 0, iRun = 0;
  char zRep[8];
  Buf *out = &c->W;
  buf_grow(out, (size_t)n);
  /* for each lead byte, how far to skip when it starts nothing to change
  ** (the whole character: the text is valid UTF-8), 0 when it may */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
  static const unsigned char aSkip[256] = {
    [0x00 ... 0x7F] = 1, [0x80 ... 0xBF] = 1, [0xC0 ... 0xDF] = 2,
    [0xE0 ... 0xEF] = 3, [0xF0 ... 0xFF] = 4,
    ['\\']=0, ['\r']=0, ['\t']=0, ['\f']=0, ['\v']=0, ['&']=0, ['<']=0,
    [0xC2]=0, [0xE2]=0, [0xE3]=0, [0xEF]=0,
  };
#pragma GCC diagnostic pop
  while( i<n ){
    while( i<n && aSkip[(unsigned char)z[i]] ) i += aSkip[(unsigned char)z[i]];
    if( i>=n ){ i = n; break; }
    unsigned char ch = (unsigned char)z[i];
    int nDel = 0;
    const char *zTo = 0;
    if( ch=='\\' && i+1<n && (z[i+1]=='r' || z[i+1]=='n' || z[i+1]=='t') ){
      if( z[i+1]=='r' && i+3<n && z[i+2]=='\\' && z[i+3]=='n' ){ nDel = 4; zTo = "\n"; }
      else{ nDel = 2; zTo = z[i+1]=='t' ? " " : "\n"; }
    }else if( ch=='\r' ){
      nDel = 1; zTo = (i+1<n && z[i+1]=='\n') ? "" : "\n";
    }else if( ch=='\t' || ch=='\f' || ch=='\v' ){
      nDel = 1; zTo = ch=='\f' ? "\n" : " ";
    }else if( ch=='&' ){
      nDel = entity_at(z, i, n, zRep);
      zTo = zRep;
    }else if( ch=='<' ){
      nDel = tag_at(z, i, n, &zTo);
    }else if( ch==0xC2 && i+1<n && (unsigned char)z[i+1]==0xA0 ){
      nDel = 2; zTo = " ";
    }else if( ch==0xE3 && i+2<n && (unsigned char)z[i+1]==0x80 && (unsigned char)z[i+2]==0x80 ){
      /* U+3000; a run of two or more is a paragraph indent, and in text
      ** scraped onto one line it is all that separates the paragraphs */
      nDel = 3; zTo = " ";
      while( i+nDel+2<n && memcmp(z+i+nDel, "\xE3\x80\x80", 3)==0 ){ nDel += 3; zTo = "\n"; }
    }else if( ch==0xE2 && i+2<n && (unsigned char)z[i+1]==0x80 ){
      unsigned char c3 = (unsigned char)z[i+2];
      if( c3>=0x80 && c3<=0x8A ){ nDel = 3; zTo = " "; }    /* U+2000..200A */
      else if( c3>=0x8B && c3<=0x8D ){ nDel = 3; zTo = ""; } /* zero width */
      else if( c3==0xA8 || c3==0xA9 ){ nDel = 3; zTo = "\n"; } /* LS, PS */
    }else if( ch==0xEF && i+2<n && (unsigned char)z[i+1]==0xBB && (unsigned char)z[i+2]==0xBF ){
      nDel = 3; zTo = "";                                    /* U+FEFF */
    }
    if( nDel==0 ){ i++; continue; }
    emit(out, &c->mW, z, iRun, i - iRun);
    if( zTo[0] ) emit_rep(out, &c->mW, i, zTo);
    i += nDel;
    iRun = i;
    xmap_add(&c->mW, (int)out->n, i);
  }
  emit(out, &c->mW, z, iRun, n - iRun);
  buf_str(out);
}

/* ------------------------------------------------- line classification */

typedef struct Line Line;
struct Line {
  int a, b;          /* trimmed W range */
  int kind;          /* LINE_* */
  const char *zWhy;  /* reason when skipped */
};
#define LINE_EMPTY  0
#define LINE_TEXT   1
#define LINE_SKIP   2
#define LINE_FRONT  3
#define LINE_GREET  4
#define LINE_CLOSE  5

/* Number of code points in z[a..b). */
static int nchars(const char *z, int a, int b){
  return (int)utf8_count(z + a, (size_t)(b - a));
}

/* True when the line is only a page number: "3", "- 3 -", "— 3 —",
** "第3页", "第 3 页 共 20 页", "3/20". */
static int is_page_number(const char *z, int a, int b){
  int nDigit = 0, nOther = 0;
  if( b - a > 48 || nchars(z, a, b) > 16 ) return 0;
  for(int i=a; i<b; ){
    int k;
    unsigned ch = u8(z+i, &k);
    if( ch>='0' && ch<='9' ) nDigit++;
    else if( ch=='.' && i>a && z[i-1]>='0' && z[i-1]<='9' && i+1<b && z[i+1]>='0' && z[i+1]<='9' ){
      return 0;   /* a decimal ("PM\n2.5\n浓度": markup cut the line), not a page */
    }else if( ch==' ' || ch=='-' || ch=='/' || ch==0x2014 || ch==0x2013 || ch==0xFF0D
          || ch==0x2500 || ch==0x7B2C /*第*/ || ch==0x9875 /*页*/ || ch==0x5171 /*共*/
          || ch=='.' || ch=='|' ) ;
    else nOther++;
    i += k;
  }
  return nDigit>0 && nDigit<=4 && nOther==0;
}

/* True for short chrome lines of web pages and newspapers, whole line. */
static int is_chrome_line(const char *z, int a, int b);

/* True for a line of the metadata header that scraped collections put
** before the text ("标题：…", "来源URL：http://…", "正文："), whatever its
** length. */
static int is_meta_line(const char *z, int a, int b){
  static const char *azMeta[] = {
    "标题：", "发文单位：", "发文时间：", "来源URL", "正文：", "发布机构：", "发布时间：",
    "索引号：", "http://", "https://", "来源网址", "原文链接", "会议：",
    /* page footers */
    "Copyright", "copyright", "COPYRIGHT", "©", "版权所有", "违法和不良信息", "公安机关备案",
    "联系地址", "联系电话", "邮政编码", "网站标识码", "友情链接", "主办单位", "承办单位",
  };
  for(size_t k=0; k<sizeof(azMeta)/sizeof(azMeta[0]); k++){
    if( at(z, a, b, azMeta[k]) ) return 1;
  }
  /* a footer line anywhere it starts */
  return b - a < 400 && (has(z, a, b, "All Rights Reserved") || has(z, a, b, "版权所有：")
                         || has(z, a, b, "ICP备") || has(z, a, b, "联系地址："));
}

static int is_chrome_line(const char *z, int a, int b){
  static const char *azLead[] = {
    "分享到", "上一篇", "下一篇", "相关报道", "相关新闻", "相关链接", "相关文章", "相关附件",
    "本栏最新", "本栏推荐", "阅读排行", "热点推荐", "标签云", "打印本页", "关闭窗口",
    "【字号", "字号：", "【打印", "【关闭", "扫一扫", "来源：", "来源:", "作者：",
    "时间：", "发布时间", "浏览次数", "阅读：", "阅读次数", "评论：", "内容摘要",
    "责任编辑", "编辑：", "本版编辑", "校对：", "美编：", "审核：", "原标题",
    "网站地图", "版权所有", "主办单位", "联系我们", "ICP备", "返回顶部", "Copyright",
    "copyright", "COPYRIGHT", "©", "网站标识码", "法律声明", "隐私声明", "技术支持",
    "公安机关备案", "违法和不良信息", "主办：", "承办：", "ICP备案", "关于本站",
    /* the metadata header of scraped collections */
    "标题：", "发文单位：", "发文时间：", "来源URL", "正文：", "发布机构：", "发布时间：",
    "【字体", "字体：", "索引号：", "文号：", "成文日期", "发文字号", "主题分类",
    "http://", "https://", "www.",
    /* aggregator sites */
    "标签：", "标签:", "延展阅读", "换一换", "本站部分资源", "免责声明", "热门标签",
    "上班时间", "办公时间", "您是第", "访问量", "联系地址", "联系电话", "网址：",
  };
  for(size_t k=0; k<sizeof(azLead)/sizeof(azLead[0]); k++){
    if( at(z, a, b, azLead[k]) ) return 1;
  }
  /* a link to another article: "【领导能力提升】如何确保…取得实效？" */
  if( at(z, a, b, "【") && (cp_before(z, b)==0xFF1F || cp_before(z, b)=='?') ) return 1;
  /* breadcrumbs: 首页 > 政务公开 > 政府工作报告 */
  if( has(z, a, b, " > ") || has(z, a, b, "＞") || has(z, a, b, "»") || has(z, a, b, "›")
      || at(z, a, b, "首页") || at(z, a, b, "当前位置") || at(z, a, b, "您的位置") ) return 1;
  if( (b-a)<=12 && (has(z, a, b, "打印") || has(z, a, b, "收藏") || has(z, a, b, "下载")
      || has(z, a, b, "全屏") || has(z, a, b, "加大") || has(z, a, b, "减小")
      || has(z, a, b, "还原") || has(z, a, b, "关闭")) ) return 1;
  return 0;
}

/* True for a photo caption: "…。本报记者 某某 摄" or "（新华社记者 某某 摄）". */
static int is_caption(const char *z, int a, int b){
  int e = b;
  while( e>a && is_rparen(cp_before(z, e)) ) e = u8_prev(z, e);
  if( !ends_with(z, a, e, "摄") ) return 0;
  return b - a < 240 && (has(z, a, b, "记者") || has(z, a, b, "摄影")
         || has(z, a, b, "通讯员") || has(z, a, b, "图为"));
}

/* True for a newspaper page header line: "临江日报 2026年1月20日 第2版". */
static int is_page_header(const char *z, int a, int b){
  if( b - a > 120 || nchars(z, a, b) > 40 ) return 0;
  if( !has(z, a, b, "版") ) return 0;
  if( !(has(z, a, b, "报") || has(z, a, b, "日") || has(z, a, b, "星期") || has(z, a, b, "刊")) ) return 0;
  if( has(z, a, b, "接") || has(z, a, b, "转") ) return 0;
  for(int i=a; i<b; ){
    int k;
    u8(z+i, &k);
    if( at(z, i, b, "第") ){
      int j = i + 3, nd = 0;
      while( j<b ){
        int k2;
        unsigned ch = u8(z+j, &k2);
        if( (ch>='0' && ch<='9') || cn_digit(ch)>=0 ){ nd++; j += k2; } else break;
      }
      if( nd>0 && at(z, j, b, "版") && !is_sentence_end(cp_before(z, b)) ) return 1;
    }
    i += k;
  }
  return 0;
}

/* True for a line that is the greeting "各位代表：" (alone or with the
** opening sentence). */
static int is_greeting(const char *z, int a, int b){
  if( !at(z, a, b, "各位代表") ) return 0;
  return nchars(z, a, b)<=8 || has(z, a, b, "我代表");
}

/* True for a line of the title block: the title with 政府工作报告, the
** "——2026年1月20日在…会议上" date line, the speaker line. */
static int is_front(const char *z, int a, int b){
  int nc = nchars(z, a, b);
  if( is_chrome_line(z, a, b) ) return 0;
  if( nc>60 || is_sentence_end(cp_before(z, b)) ) return 0;
  if( has(z, a, b, "工作报告") && nc<=40 ) return 1;
  if( (at(z, a, b, "——") || at(z, a, b, "—") || at(z, a, b, "--")) && has(z, a, b, "会议上") ) return 1;
  if( nc<=24 && (has(z, a, b, "长 ") || has(z, a, b, "主席 ") || has(z, a, b, "县长") || has(z, a, b, "区长")
      || has(z, a, b, "市长") || has(z, a, b, "省长") || has(z, a, b, "主席") || has(z, a, b, "旗长")
      || has(z, a, b, "州长") || has(z, a, b, "盟长") || has(z, a, b, "总理")) ) return 1;
  return 0;
}

/* True for the closing exhortation: "各位代表！…让我们…". */
static int is_closing(const char *z, int a, int b){
  if( at(z, a, b, "让我们") ) return has(z, a, b, "团结") || has(z, a, b, "奋斗");
  if( !(at(z, a, b, "各位代表") || at(z, a, b, "同志们")) ) return 0;
  /* "让我们" opening a sentence, not "最让我们铭记于心" in a look back */
  for(int i=a; (i = find_n(z, i, b, "让我们", 9))>=0; i += 9){
    unsigned prev = cp_before(z, i);
    if( (is_sentence_end(prev) || is_comma(prev)) && (has(z, i, b, "团结") || has(z, i, b, "奋斗")
        || has(z, i, b, "携手")) ) return 1;
  }
  return has(z, a, b, "为核心的党中央周围")
      || ends_with(z, a, b, "奋斗！") || ends_with(z, a, b, "奋斗!")
      || ends_with(z, a, b, "前进！") || ends_with(z, a, b, "前进!");
}

/* True for a closing exhortation that opens with a saying of its own
** ("雄关漫道真如铁，而今迈步从头越。让我们更加紧密地团结在…奋斗！"): a
** sentence "让我们…团结…" that ends the line with ！.  (Only taken as the
** closing when the report ends right after it: see mark_report_bounds.) */
static int is_closing_late(const char *z, int a, int b){
  const char *zLet = memmem(z + a, (size_t)(b - a), "让我们", 9);
  if( zLet==0 ) return 0;
  int i = (int)(zLet - z);
  unsigned prev = cp_before(z, i);
  if( !(is_sentence_end(prev) || prev==0x3002) ) return 0;
  unsigned last = cp_before(z, b);
  if( last!=0xFF01 && last!='!' ) return 0;
  return has(z, i, b, "团结") || has(z, i, b, "党中央周围");
}

/* True for a line that is only the address "各位代表！" (or ：，). */
static int is_bare_address(const char *z, int a, int b){
  return (at(z, a, b, "各位代表") || at(z, a, b, "同志们")) && nchars(z, a, b)<=6;
}

/* True when the line opens an annex or glossary after the closing words. */
static int is_annex_heading(const char *z, int a, int b){
  int nc = nchars(z, a, b);
  if( nc>30 || is_sentence_end(cp_before(z, b)) ) return 0;
  return at(z, a, b, "附件") || at(z, a, b, "附：") || at(z, a, b, "附录")
      || has(z, a, b, "名词解释") || at(z, a, b, "注释") || at(z, a, b, "注：")
      || has(z, a, b, "民生实事") || has(z, a, b, "名词注释") || at(z, a, b, "附表")
      || has(z, a, b, "词语解释") || at(z, a, b, "说明");
}

/* True when a line ends a sentence or a clause list. */
static int ends_sentence(const char *z, int a, int b){
  unsigned ch = cp_before(z, b);
  if( ch==0x201D || ch==0x2019 || ch=='"' || is_rparen(ch) ){  /* ” ’ ） */
    b = u8_prev(z, b);
    ch = cp_before(z, b);
  }
  return is_sentence_end(ch) || is_semicolon(ch) || is_colon(ch) || ch==0x2026 /*…*/
      || ch==0x2014 /*—*/;
}

/* Length of a label that opens a heading at z[a] ("一、", "（一）", "一是",
** "1.", "（1）", "第一，"), 0 when there is none. Shared knowledge with
** outline.c, which classifies labels fully; here it only prevents joins. */
static int starts_label(const char *z, int a, int b){
  int i = a, k, nd = 0;
  unsigned ch = u8(z+i, &k);
  if( is_lparen(ch) ){ i += k; ch = u8(z+i, &k); }
  while( i<b && ((ch>='0' && ch<='9') || (cn_digit(ch)>=0 && cn_digit(ch)<=10)) ){
    nd++; i += k; ch = u8(z+i, &k);
  }
  if( nd==0 || nd>3 ) return 0;
  if( ch==0x3001 /*、*/ || ch=='.' || ch==0xFF0E || is_rparen(ch) || ch==0x662F /*是*/
      || ch==0x8981 /*要*/ ) return i + k - a;
  return 0;
}

/* Length of page furniture inside a line at z[i], with its reason in
** *pzWhy; 0 when there is none. Continuation markers "（下转第四版）",
** editor notes "（责任编辑：某某）", footnote markers "[1]" "〔12〕" "［3］",
** page references "（见第2页）". */
static int inline_furniture(const char *z, int i, int n, const char **pzWhy){
  int k, j;
  unsigned ch = u8(z+i, &k);
  if( ch=='^' && i+1<n && z[i+1]=='[' ){          /* "^[18]": a markdown footnote */
    int len = inline_furniture(z, i+1, n, pzWhy);
    return len ? len + 1 : 0;
  }
  if( ch=='[' || ch==0xFF3B /*［*/ || ch==0x3014 /*〔*/ ){
    int nd = 0;
    j = i + k;
    while( j<n && z[j]>='0' && z[j]<='9' && nd<4 ){ j++; nd++; }
    if( nd>=1 && nd<=3 && j<n ){
      int k2;
      unsigned c2 = u8(z+j, &k2);
      if( c2==']' || c2==0xFF3D || c2==0x3015 ){ *pzWhy = "footnote marker"; return j + k2 - i; }
    }
    return 0;
  }
  if( !is_lparen(ch) ) return 0;
  j = i + k;
  static const char *azCont[] = {"上接", "下转", "紧接", "下接", "接上", "转自", "接", "转", "续"};
  for(size_t m=0; m<sizeof(azCont)/sizeof(azCont[0]); m++){
    if( !at(z, j, n, azCont[m]) ) continue;
    int q = j + (int)strlen(azCont[m]);
    if( at(z, q, n, "第") ) q += 3;
    int nd = 0;
    while( q<n ){
      int k2;
      unsigned c2 = u8(z+q, &k2);
      if( (c2>='0' && c2<='9') || (cn_digit(c2)>=0 && cn_digit(c2)<=10) ){ q += k2; nd++; } else break;
    }
    if( nd==0 || nd>3 || !at(z, q, n, "版") ) continue;
    q += 3;
    int k3;
    if( q<n && is_rparen(u8(z+q, &k3)) ){ *pzWhy = "page continuation marker"; return q + k3 - i; }
  }
  if( at(z, j, n, "责任编辑") || at(z, j, n, "编辑：") || at(z, j, n, "本版编辑") || at(z, j, n, "责编") ){
    for(int q=j, nc=0; q<n && nc<40; nc++){
      int k2;
      unsigned c2 = u8(z+q, &k2);
      q += k2;
      if( is_rparen(c2) ){ *pzWhy = "editor line"; return q - i; }
    }
  }
  if( at(z, j, n, "见第") ){
    int q = j + 6, nd = 0;
    while( q<n && z[q]>='0' && z[q]<='9' ){ q++; nd++; }
    int k2;
    if( nd && at(z, q, n, "页") && q+3<n && is_rparen(u8(z+q+3, &k2)) ){
      *pzWhy = "page reference"; return q + 3 + k2 - i;
    }
  }
  return 0;
}

/* Split W into trimmed lines. Caller frees *paLine. */
static int split_lines(Ctx *c, Line **paLine){
  const char *z = c->W.a;
  int n = (int)c->W.n;
  Line *a = 0;
  int nLine = 0, nAlloc = 0;
  int i = 0;
  while( i<=n ){
    const char *zNl = memchr(z + i, '\n', (size_t)(n - i));
    int e = zNl ? (int)(zNl - z) : n;
    int s = i, t = e;
    while( s<t && z[s]==' ' ) s++;
    while( t>s && z[t-1]==' ' ) t--;
    Line *l = ARRAY_PUSH(a, nLine, nAlloc);
    l->a = s; l->b = t;
    l->kind = s<t ? LINE_TEXT : LINE_EMPTY;
    i = e + 1;
  }
  *paLine = a;
  return nLine;
}

/* Mark the lines before the report's start and after its end as chrome,
** and the title block, greeting and closing. */
static void mark_report_bounds(Ctx *c, Line *a, int n){
  const char *z = c->W.a;
  int iGreet = -1, iGreet2 = -1, iClose = -1, iFirst = -1, i;
  for(i=0; i<n; i++){
    if( a[i].kind!=LINE_TEXT ) continue;
    if( is_greeting(z, a[i].a, a[i].b) ){
      if( iGreet<0 ) iGreet = i;
      else if( iGreet2<0 && iClose>iGreet && nchars(z, a[i].a, a[i].b)<=8 ) iGreet2 = i;   /* the report again */
    }
    if( is_closing(z, a[i].a, a[i].b) && iGreet2<0 ) iClose = i;
  }
  /* a closing that opens with a saying, when the report ends after it: only
  ** chrome, an annex or nothing follows */
  for(i=n-1; i>=0 && iClose<0; i--){
    if( a[i].kind!=LINE_TEXT ) continue;
    if( is_closing_late(z, a[i].a, a[i].b) ){ if( i>iGreet ) iClose = i; break; }
    if( is_annex_heading(z, a[i].a, a[i].b) ) break;
    if( !(nchars(z, a[i].a, a[i].b)<=30 && !is_sentence_end(cp_before(z, a[i].b))) ) break;
  }
  /* The start: the greeting, else the first title line. */
  int iStart = iGreet;
  if( iStart<0 ){
    for(i=0; i<n; i++){
      if( a[i].kind==LINE_TEXT && has(z, a[i].a, a[i].b, "工作报告") && nchars(z, a[i].a, a[i].b)<=40 ){
        iStart = i; break;
      }
    }
  }
  if( iStart>=0 ){
    for(i=0; i<iStart; i++){
      if( a[i].kind!=LINE_TEXT ) continue;
      if( is_front(z, a[i].a, a[i].b) ){ a[i].kind = LINE_FRONT; if( iFirst<0 ) iFirst = i; }
      else{ a[i].kind = LINE_SKIP; a[i].zWhy = "web-page chrome before the report"; }
    }
    if( iGreet>=0 ){
      a[iGreet].kind = LINE_GREET;
      /* the opening sentence right after a bare greeting */
      for(i=iGreet+1; i<n && a[i].kind==LINE_EMPTY; i++){}
      if( i<n && a[i].kind==LINE_TEXT && has(z, a[i].a, a[i].b, "我代表") ) a[i].kind = LINE_GREET;
    }else if( a[iStart].kind==LINE_SKIP ){
      a[iStart].kind = LINE_FRONT;
    }
  }
  /* The end: after the closing words only an annex or glossary may follow;
  ** then trailing short lines are chrome. */
  int iEnd = n;              /* first line after the report */
  if( iClose>=0 && iClose>iStart ){
    a[iClose].kind = LINE_CLOSE;
    /* the bare address on its own line before it */
    for(i=iClose-1; i>iStart && a[i].kind==LINE_EMPTY; i--){}
    if( i>iStart && a[i].kind==LINE_TEXT && is_bare_address(z, a[i].a, a[i].b) ) a[i].kind = LINE_CLOSE;
    for(i=iClose+1; i<n && a[i].kind==LINE_EMPTY; i++){}
    if( i<n && !is_annex_heading(z, a[i].a, a[i].b) ){
      iEnd = i;
      for(int j=i; j<n; j++){
        if( a[j].kind!=LINE_TEXT ) continue;
        a[j].kind = LINE_SKIP;
        a[j].zWhy = nchars(z, a[j].a, a[j].b)<=30 && !ends_sentence(z, a[j].a, a[j].b)
                    ? (is_chrome_line(z, a[j].a, a[j].b) ? "web-page chrome after the report"
                                                          : "headline of another article")
                    : "text after the end of the report";
      }
    }
  }
  /* trailing chrome: short lines that end no sentence, from the end back */
  for(i=iEnd-1; i>iStart && i>iClose; i--){
    if( a[i].kind==LINE_EMPTY || a[i].kind==LINE_SKIP ) continue;
    if( a[i].kind!=LINE_TEXT ) break;
    int nc = nchars(z, a[i].a, a[i].b);
    int bAscii = 1;        /* "abcd39f1fb7f426d9dfb6bd0fa1f2146:" */
    for(int j=a[i].a; j<a[i].b && bAscii; j++) bAscii = (unsigned char)z[j]<0x80;
    unsigned last = cp_before(z, a[i].b);
    if( (nc<=30 && (!ends_sentence(z, a[i].a, a[i].b) || (is_colon(last) && nc<=20))
         && !is_annex_heading(z, a[i].a, a[i].b))
        || (bAscii && nc<=80)
        || (nc<=80 && is_chrome_line(z, a[i].a, a[i].b)) || is_meta_line(z, a[i].a, a[i].b) ){
      a[i].kind = LINE_SKIP;
      a[i].zWhy = "web-page chrome after the report";
    }else{
      break;
    }
  }
}

/* Classify the furniture lines that can stand anywhere. */
static void mark_furniture(Ctx *c, Line *a, int n){
  const char *z = c->W.a;
  for(int i=0; i<n; i++){
    if( a[i].kind!=LINE_TEXT ) continue;
    int s = a[i].a, e = a[i].b;
    const char *zWhy = 0;
    if( is_page_number(z, s, e) ) zWhy = "page number";
    else if( is_caption(z, s, e) ) zWhy = "photo caption";
    else if( is_page_header(z, s, e) ) zWhy = "page header";
    else if( (e - s<=120 && nchars(z, s, e)<=40 && is_chrome_line(z, s, e)) || is_meta_line(z, s, e) ) zWhy = "web-page chrome";
    else{
      /* a line made only of furniture, e.g. "（上接第三版）" */
      int q = s;
      const char *zW = 0;
      while( q<e ){
        int len = inline_furniture(z, q, e, &zW);
        if( len==0 ) break;
        q += len;
        while( q<e && z[q]==' ' ) q++;
      }
      if( q>=e && zW ) zWhy = zW;
    }
    if( zWhy ){ a[i].kind = LINE_SKIP; a[i].zWhy = zWhy; }
  }
}

/* Length of a news byline at the start of a line: "保定日报讯 1月30日，闫继红
**说，" ("本报讯", "XX日报讯" + a space, then a date and "某某说，" when they
** follow), 0 when there is none. */
static int news_byline(const char *z, int a, int b){
  int i = a, n = 0, k;
  while( i<b && n<8 && is_han(u8(z+i, &k)) && !at(z, i, b, "讯") ){ i += k; n++; }
  if( n<1 || !at(z, i, b, "讯") ) return 0;
  i += 3;
  if( !(i<b && (z[i]==' ' || at(z, i, b, "　"))) ) return 0;
  while( i<b && (z[i]==' ' || at(z, i, b, "　")) ) i += z[i]==' ' ? 1 : 3;
  /* "1月30日，" */
  int j = i;
  while( j<b && z[j]>='0' && z[j]<='9' ) j++;
  if( j>i && at(z, j, b, "月") ){
    int q = j + 3;
    while( q<b && z[q]>='0' && z[q]<='9' ) q++;
    if( q>j+3 && at(z, q, b, "日") && (at(z, q+3, b, "，") || at(z, q+3, b, ",")) ){
      i = q + 3 + (z[q+3]==',' ? 1 : 3);
      /* "闫继红说，" */
      int r = i, m = 0;
      while( r<b && m<6 && is_han(u8(z+r, &k)) && !at(z, r, b, "说") ){ r += k; m++; }
      if( m>=2 && at(z, r, b, "说，") ) i = r + 6;
    }
  }
  return i - a;
}

/* Copy line l of W into P with inline furniture removed (and listed). */
static void copy_line(Ctx *c, const Line *l){
  const char *z = c->W.a;
  int i = l->a, iRun = l->a;
  int nBy = news_byline(z, l->a, l->b);
  if( nBy ){
    ctx_skip(c, l->a, l->a + nBy, "news byline");
    i = iRun = l->a + nBy;
  }
  while( i<l->b ){
    const char *zWhy = 0;
    int len = 0;
    unsigned char ch = (unsigned char)z[i];
    /* furniture starts with ( [ ^ （ ［ 〔 only: skip every other character
    ** whole, first the Han characters (leads E4..E9) */
    if( ch>=0xE4 && ch<=0xE9 ){ i += 3; continue; }
    if( ch>=0x80 ){
      int k = u8_len(ch);
      if( !(k==3 && i+2<l->b && ((ch==0xEF && (unsigned char)z[i+1]==0xBC
                                 && ((unsigned char)z[i+2]==0x88 || (unsigned char)z[i+2]==0xBB))
                                || (ch==0xE3 && (unsigned char)z[i+1]==0x80 && (unsigned char)z[i+2]==0x94))) ){
        i += k;
        continue;
      }
    }
    if( ch=='(' || ch=='[' || ch=='^' || ch>=0x80 ) len = inline_furniture(z, i, l->b, &zWhy);
    if( len==0 ){ i++; continue; }
    emit(&c->P, &c->mP, z, iRun, i - iRun);
    ctx_skip(c, i, i + len, zWhy);
    i += len;
    /* a marker between two spaces leaves one */
    while( i<l->b && z[i]==' ' && (c->P.n==0 || c->P.a[c->P.n-1]==' ') ) i++;
    iRun = i;
  }
  /* trailing spaces left before a removed marker */
  int e = l->b;
  if( iRun<e ) emit(&c->P, &c->mP, z, iRun, e - iRun);
  while( c->P.n>0 && c->P.a[c->P.n-1]==' ' ) c->P.a[--c->P.n] = 0;
}

/* The paragraph kind for a line kind. */
static int para_kind(int lineKind){
  switch( lineKind ){
    case LINE_FRONT: return PARA_FRONT;
    case LINE_GREET: return PARA_GREET;
    case LINE_CLOSE: return PARA_CLOSE;
  }
  return PARA_BODY;
}

/* True when paragraph text z[a..b) of P looks cut by a page break: running
** prose that does not end a sentence. */
static int looks_cut(const char *z, int a, int b){
  if( b<=a || ends_sentence(z, a, b) ) return 0;
  unsigned ch = cp_before(z, b);
  if( !(is_han(ch) || is_comma(ch) || ch==0x3001 || (ch>='0' && ch<='9') || ch==0x201C
        || ch==0x201D || ch==0x300A /*《*/ || ch==0x300B || (ch>='a' && ch<='z') || (ch>='A' && ch<='Z')
        || ch=='%' || ch==0xFF05) ) return 0;
  if( b - a >= 150 ) return 1;
  /* no heading or sentence ends with 的 和 与 及: "“十五五”时期经济社会发展的" ⏎
  ** "主要目标" ⏎ "是：…" */
  if( ch==0x7684 || ch==0x548C || ch==0x4E0E || ch==0x53CA ) return nchars(z, a, b)>=4;
  if( has(z, a, b, "。") || has(z, a, b, "，") ) return nchars(z, a, b)>=20;
  /* "总体要求是：认真落实省委九届八": prose after a colon, not "会议：某某会议" */
  const char *zColon = memmem(z + a, (size_t)(b - a), "：", 3);
  if( zColon && nchars(z, (int)(zColon - z) + 3, b)>=10 ) return nchars(z, a, b)>=20;
  return nchars(z, a, b)>=50;
}

/* True when z[a..b) starts with punctuation that never opens a paragraph
** (” ， 、 。 ； ： ） 》 ！ ？): the line continues the one before, cut by
** a line break of the web page's markup. */
static int starts_closing(const char *z, int a, int b){
  int k;
  if( a>=b ) return 0;
  if( at(z, a, b, "是：") || at(z, a, b, "为：") ) return 1;   /* "…主要目标" ⏎ "是：…" */
  unsigned ch = u8(z+a, &k);
  return ch==0x201D || ch==0x2019 || is_comma(ch) || ch==0x3001 || is_sentence_end(ch)
      || is_semicolon(ch) || is_colon(ch) || is_rparen(ch) || ch==0x300B || ch==0x300D;
}

/* True when z[a..b) ends with an opening quote or bracket (“ 《 （ 「). */
static int ends_opening(const char *z, int a, int b){
  unsigned ch = cp_before(z, b);
  return b>a && (ch==0x201C || ch==0x2018 || ch==0x300A || is_lparen(ch) || ch==0x300C);
}

/* True for a short fragment of a sentence standing on its own line
** ("亲自", "全国第一"): no punctuation, no label, a few characters. */
static int is_fragment(const char *z, int a, int b){
  if( b - a > 18 || starts_label(z, a, b) ) return 0;
  for(int i=a; i<b; ){
    int k;
    unsigned ch = u8(z+i, &k);
    if( !(is_han(ch) || (ch>='0' && ch<='9') || ch=='%' || ch==0xFF05 || ch=='.') ) return 0;
    i += k;
  }
  return !(has(z, a, b, "附件") || has(z, a, b, "名词") || has(z, a, b, "注释") || has(z, a, b, "附录"));
}

/* True when line l continues paragraph prev of P instead of starting one. */
static int continues(Ctx *c, const Para *prev, const char *zW, const Line *l){
  const char *zP = c->P.a;
  if( starts_closing(zW, l->a, l->b) ) return 1;
  if( ends_opening(zP, prev->iStart, prev->iEnd) ) return 1;
  /* "…以PM" ⏎ "2.5" ⏎ "浓度…": a subscript set on a line of its own */
  {
    unsigned last = cp_before(zP, prev->iEnd);
    if( ((last>='A' && last<='Z') || (last>='a' && last<='z')) && l->a<l->b
        && zW[l->a]>='0' && zW[l->a]<='9' ) return 1;
  }
  if( starts_label(zW, l->a, l->b) ) return 0;
  if( is_fragment(zP, prev->iStart, prev->iEnd) ) return 1;
  return looks_cut(zP, prev->iStart, prev->iEnd)
      && !(starts_label(zP, prev->iStart, prev->iEnd) && !has(zP, prev->iStart, prev->iEnd, "。"));
}

/* Build P and its paragraphs from the classified lines. */
static void build_paragraphs(Ctx *c, Line *a, int n){
  const char *z = c->W.a;
  for(int i=0; i<n; i++){
    Line *l = &a[i];
    if( l->kind==LINE_EMPTY ) continue;
    if( l->kind==LINE_SKIP ){ ctx_skip(c, l->a, l->b, l->zWhy); continue; }
    int kind = para_kind(l->kind);
    Para *prev = c->nPara ? &c->aPara[c->nPara-1] : 0;
    if( prev && kind==PARA_BODY && prev->kind==PARA_BODY && continues(c, prev, z, l) ){
      copy_line(c, l);             /* joined: no separator */
      prev->iEnd = (int)c->P.n;
      continue;
    }
    if( c->P.n ){
      xmap_add(&c->mP, (int)c->P.n, l->a);
      buf_putc(&c->P, '\n');
    }
    int iStart = (int)c->P.n;
    copy_line(c, l);
    if( (int)c->P.n==iStart ) continue;
    Para *q = ARRAY_PUSH(c->aPara, c->nPara, c->nParaAlloc);
    q->iStart = iStart;
    q->iEnd = (int)c->P.n;
    q->kind = kind;
    q->iNode = -1;
    q->iOwner = -1;
    q->iBody = iStart;
  }
  buf_str(&c->P);
}

/* See xtext.h: source -> W -> P with paragraphs and skips. */
void clean_text(Ctx *c){
  Extraction *p = c->p;
  c->nCk = (int)(p->nSource / CK_STEP) + 1;
  c->aCk = xmalloc(sizeof(int) * (size_t)c->nCk);
  int cps = 0;
  for(int k=0; k<c->nCk; k++){
    c->aCk[k] = cps;
    size_t s = (size_t)k*CK_STEP, e = s + CK_STEP;
    if( e>p->nSource ) e = p->nSource;
    if( s<e ) cps += (int)utf8_count(p->zSource + s, e - s);
  }
  p->nChars = cps;      /* the checkpoints counted every character */
  normalize(c);
  Line *aLine;
  int nLine = split_lines(c, &aLine);
  mark_furniture(c, aLine, nLine);
  mark_report_bounds(c, aLine, nLine);
  build_paragraphs(c, aLine, nLine);
  free(aLine);
}
