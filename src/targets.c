/*
** targets.c -- quantitative targets in a task: a number (Arabic or Chinese,
** with 万/亿/千 multipliers), its unit (个 家 公里 亩 元 % 个百分点 …), the
** comparison (以上 ≥, 以内 ≤, 左右 ~, ranges 3—5), the strength (确保 must,
** 力争 strive) and the subject counted.  Numbers that are not targets are
** left out: years, dates, ages, ordinals (第三), numbering, names and
** slogans in quotes (“十四个专项行动”), road and hotline numbers (G318,
** 12345), grades (4A级), baselines (由5元提高至10元: the 5) and facts (已下达).
*/
#include "xtext.h"
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Units and measure words; the longest match wins.  千瓦, 千米, 千克 are
** units in their own right (not 千 × 瓦). */
/* U("个") is the unit with its length in bytes, known at compile time. */
#define U(z) {z, sizeof(z)-1}
static const struct { const char *z; int n; } aUnit[] = {
  U("个百分点"), U("百分点"), U("千瓦时"), U("平方公里"), U("平方千米"), U("平方米"), U("立方米"), U("公里"),
  U("千米"), U("千瓦"), U("兆瓦"), U("吉瓦"), U("千克"), U("公斤"), U("公顷"), U("人次"), U("户次"),
  U("车次"), U("架次"), U("标箱"), U("台套"), U("美元"), U("欧元"), U("千伏安"), U("批次"), U("微克/立方米"),
  U("毫克/立方米"), U("毫克/升"), U("立方米/秒"), U("吨标准煤"), U("吨标煤"), U("亩次"), U("Eflops"),
  U("EFLOPS"), U("EFlops"), U("Pflops"), U("PFLOPS"), U("PFlops"), U("%"), U("场次"), U("重量箱"),
  U("列"),
  U("\xEF\xBC\x85"), U("\xE2\x80\xB0"), U("个"), U("家"), U("条"), U("处"), U("所"), U("座"),
  U("套"), U("户"), U("人"), U("名"), U("项"), U("张"), U("部"), U("例"), U("辆"), U("台"), U("间"),
  U("只"), U("头"), U("株"), U("棵"), U("块"), U("件"), U("批"), U("场"), U("篇"), U("册"), U("亩"),
  U("吨"), U("斤"), U("元"), U("棒"), U("米"), U("度"), U("方"), U("栋"), U("幢"), U("支"), U("种"),
  U("类"), U("次"), U("天"), U("眼"), U("口"), U("盏"), U("根"), U("位"), U("枚"), U("羽"), U("尾"),
  U("箱"), U("份"), U("对"), U("组"), U("队"), U("匹"), U("床"), U("轮"), U("届"), U("期"),
  U("班次"), U("宗"), U("门"), U("克"), U("P"),
};
#undef U

/* Words before a number (ending right at it) that make the target "≥",
** "≤" or "~". */
static const struct { Lit w; const char *zCmp; } aPrefix[] = {
  {LIT("不低于"), ">="}, {LIT("不少于"), ">="}, {LIT("不小于"), ">="}, {LIT("至少"), ">="}, {LIT("超过"), ">="},
  {LIT("高于"), ">="}, {LIT("大于"), ">="}, {LIT("突破"), ">="}, {LIT("超"), ">="}, {LIT("多于"), ">="},
  {LIT("不超过"), "<="}, {LIT("不高于"), "<="}, {LIT("不多于"), "<="}, {LIT("不大于"), "<="}, {LIT("低于"), "<="},
  {LIT("少于"), "<="}, {LIT("小于"), "<="}, {LIT("以内"), "<="},
  {LIT("约"), "~"}, {LIT("大约"), "~"}, {LIT("近"), "~"}, {LIT("接近"), "~"},
  {LIT("迈上"), ">="}, {LIT("跨上"), ">="}, {LIT("跃上"), ">="}, {LIT("站上"), ">="},
};

/* Words after the unit that make the target "≥", "≤" or "~". */
static const struct { Lit w; const char *zCmp; } aSuffix[] = {
  {LIT("及以上"), ">="}, {LIT("或以上"), ">="}, {LIT("以上"), ">="}, {LIT("之上"), ">="},
  {LIT("及以下"), "<="}, {LIT("以下"), "<="}, {LIT("以内"), "<="}, {LIT("之内"), "<="},
  {LIT("左右"), "~"}, {LIT("上下"), "~"},
};

/* Verbs that, just before a Chinese numeral, show it counts a commitment
** (新建三个 …); without one a Chinese numeral is a name or a set phrase. */
static const Lit aVerb[] = {
  LIT("新建"), LIT("新增"), LIT("建成"), LIT("建设"), LIT("完成"), LIT("改造"), LIT("培育"), LIT("打造"),
  LIT("引进"), LIT("实施"), LIT("创建"), LIT("开工"), LIT("新开"), LIT("开通"), LIT("办好"), LIT("办成"),
  LIT("举办"), LIT("开展"), LIT("推出"), LIT("招引"), LIT("签约"), LIT("落地"), LIT("投产"), LIT("培训"),
  LIT("扶持"), LIT("救助"), LIT("增加"), LIT("达到"), LIT("达"), LIT("突破"), LIT("治理"), LIT("修复"),
  LIT("整治"), LIT("种植"), LIT("发放"), LIT("安置"), LIT("提供"), LIT("培养"), LIT("认定"), LIT("争创"),
  LIT("创成"), LIT("建立"), LIT("新培育"), LIT("新引进"), LIT("招聘"), LIT("招录"), LIT("录用"), LIT("吸纳"),
  LIT("建"), LIT("增"), LIT("办"), LIT("新"), LIT("修"), LIT("改建"), LIT("扩建"), LIT("创成"), LIT("申报"),
  LIT("储备"), LIT("流转"), LIT("复垦"), LIT("绿化"),
};

/* Verbs that govern a list: a Chinese numeral that closes an item of the
** list ("改造老旧小区23个、背街小巷十五条，") counts when one of these or of
** aVerb stands earlier in the clause. */
static const Lit aListVerb[] = {LIT("发展"), LIT("推广"), LIT("谋划"), LIT("提升"), LIT("新发展")};

/* The units indexed by their first character: aUnitIndex[h] lists the
** entries of aUnit whose first character hashes to h, ended by -1.  Built
** once (pthread_once: extraction runs in the server's threads too). */
#define UNIT_HASH 64
static signed char aUnitIndex[UNIT_HASH][8];
static pthread_once_t unitOnce = PTHREAD_ONCE_INIT;

/* Hash of the character at z (ASCII or the lead of a multibyte one). */
static unsigned unit_hash(const char *z){
  const unsigned char *u = (const unsigned char*)z;
  if( u[0]<0x80 ) return u[0] % UNIT_HASH;
  return (u[0]*7u + u[1]*31u + u[2]) % UNIT_HASH;
}

/* Fill aUnitIndex (see above). */
static void unit_index_build(void){
  int an[UNIT_HASH] = {0};
  memset(aUnitIndex, -1, sizeof(aUnitIndex));
  for(int k=0; k<NLIT(aUnit); k++){
    unsigned h = unit_hash(aUnit[k].z);
    if( an[h]>=7 ) fatal("targets.c: too many units share a hash (%u)", h);
    aUnitIndex[h][an[h]++] = (signed char)k;
  }
}

/* Length of the unit at z[i], its written form in *pzUnit; 0 when none. */
static int unit_at(const char *z, int i, int n, const char **pzUnit){
  int best = 0;
  if( i>=n ) return 0;
  pthread_once(&unitOnce, unit_index_build);
  const signed char *a = aUnitIndex[i+2<n || (unsigned char)z[i]<0x80 ? unit_hash(z+i) : 0];
  for(int m=0; m<8 && a[m]>=0; m++){
    int k = a[m], len = aUnit[k].n;
    if( len<=best || i+len>n ) continue;
    if( memcmp(z+i, aUnit[k].z, (size_t)len)==0 ){ best = len; *pzUnit = aUnit[k].z; }
  }
  if( best && (strcmp(*pzUnit, "\xEF\xBC\x85")==0) ) *pzUnit = "%";
  return best;
}

/* The value of an ASCII or full-width digit at z[i] (length in *pk), or -1. */
static int digit_at(const char *z, int i, int n, int *pk){
  if( i<n && z[i]>='0' && z[i]<='9' ){ *pk = 1; return z[i]-'0'; }
  if( i+2<n && (unsigned char)z[i]==0xEF && (unsigned char)z[i+1]==0xBC
      && (unsigned char)z[i+2]>=0x90 && (unsigned char)z[i+2]<=0x99 ){
    *pk = 3;
    return (unsigned char)z[i+2] - 0x90;
  }
  return -1;
}

/* True when 千 at z[i] starts a unit (千瓦 千米 千克 千伏 …) rather than
** multiplying. */
static int qian_is_unit(const char *z, int i, int n){
  return at(z, i, n, "千瓦") || at(z, i, n, "千米") || at(z, i, n, "千克") || at(z, i, n, "千伏")
      || at(z, i, n, "千帕") || at(z, i, n, "千焦") || at(z, i, n, "千卡") || at(z, i, n, "千兆");
}

/* See xtext.h: parse a number at z[i] — Arabic (1,000 / 1.68 / full-width)
** or Chinese (十五, 两, 三千, 一百二十, 百万) — with the multipliers
** 十 百 千 万 亿 that follow it.  Stores the value and the end; *pbChinese
** says whether it was written in Chinese. Returns 1, or 0 when there is no
** number at i. */
int parse_number(const char *z, int i, int n, double *pv, int *pEnd, int *pbChinese){
  int k, j = i, d;
  double v = 0;
  *pbChinese = 0;
  int nDec = 0;   /* decimal places: the value is kept whole until the end */
  if( (d = digit_at(z, j, n, &k))>=0 ){
    int nd = 0;
    while( (d = digit_at(z, j, n, &k))>=0 ){
      v = v*10 + d; j += k; nd++;
      /* thousands separator: 1,000 */
      if( j<n && z[j]==',' && j+3<n && z[j+1]>='0' && z[j+1]<='9' && z[j+2]>='0' && z[j+2]<='9'
          && z[j+3]>='0' && z[j+3]<='9' && !(j+4<n && z[j+4]>='0' && z[j+4]<='9') ) j++;
      if( nd>15 ) return 0;
    }
    if( j<n && (z[j]=='.' || at(z, j, n, "．")) ){
      int jd = j + (z[j]=='.' ? 1 : 3);
      if( digit_at(z, jd, n, &k)>=0 ){
        j = jd;
        while( (d = digit_at(z, j, n, &k))>=0 && nDec<9 ){ v = v*10 + d; nDec++; j += k; }
        while( digit_at(z, j, n, &k)>=0 ) j += k;
      }
    }
  }else{
    /* Chinese numerals */
    double result = 0, section = 0, number = 0;
    int nd = 0, bUnit = 0, bZero = 0;
    double digits = 0;
    while( j<n && nd<12 ){
      unsigned ch = u8(z+j, &k);
      d = cn_digit(ch);
      if( d<0 ) break;
      if( d==1000 && qian_is_unit(z, j, n) ) break;
      if( d<10 ){
        number = d; digits = digits*10 + d;
        if( d==0 ) bZero = 1;
      }else if( d<10000 ){
        section += (number ? number : 1)*d; number = 0; bUnit = 1;
      }else if( d==10000 ){
        section = (section + number ? section + number : 1)*10000;
        result += section; section = 0; number = 0; bUnit = 1;
      }else{
        result = (result + section + number ? result + section + number : 1)*1e8;
        section = 0; number = 0; bUnit = 1;
      }
      j += k; nd++;
    }
    if( nd==0 ) return 0;
    v = (bZero && !bUnit) ? digits : result + section + number;
    *pbChinese = 1;
    *pv = v;
    *pEnd = j;
    return v>0 || bZero;
  }
  /* multipliers after Arabic digits: 万 亿 千 百 (1.68万, 3千万, 1万亿) */
  for(;;){
    if( at(z, j, n, "万") ){ v *= 1e4; j += 3; }
    else if( at(z, j, n, "亿") ){ v *= 1e8; j += 3; }
    else if( at(z, j, n, "千") && !qian_is_unit(z, j, n) ){ v *= 1e3; j += 3; }
    else if( at(z, j, n, "百") && (at(z, j+3, n, "万") || at(z, j+3, n, "亿")) ){ v *= 100; j += 3; }
    else break;
  }
  /* 1.68万 = 168 * 10^4 / 10^2: one division, so that 2.3亿 is 230000000 */
  if( nDec ){
    static const double aPow[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    v /= aPow[nDec];
    double r = round(v);
    if( fabs(v - r) < 1e-9*fmax(1.0, fabs(v)) ) v = r;
  }
  *pv = v;
  *pEnd = j;
  return 1;
}

/* End of the plain digits (and decimals) of a number at z[i]. */
static int digits_end(const char *z, int i, int n){
  int k;
  while( i<n && (digit_at(z, i, n, &k)>=0 || z[i]=='.' || z[i]==',') ) i += digit_at(z, i, n, &k)>=0 ? k : 1;
  return i;
}

/* The value of the plain digits at z[i], without a multiplier (1 when
** there are none, e.g. a Chinese numeral). */
static double raw_value(const char *z, int i, int n){
  int e = digits_end(z, i, n);
  if( e==i ) return 1;
  double v = atof(z + i);
  return v>0 ? v : 1;
}

/* True for characters that glue a number into a code or a formula. */
static int is_glue(unsigned c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z') || c=='+' || c==0xFF0B || c==0xD7 /*×*/
      || c=='*' || c=='/' || c==0xB7 /*·*/ || c==0x2022 || c=='#' || c=='_' || c=='@'
      || c==0x2116 /*№*/;
}

/* True when c ends a clause (。！？；，、：). */
static int is_clause_mark(unsigned c){
  return is_sentence_end(c) || is_semicolon(c) || is_comma(c) || is_colon(c) || c==0x3001;
}

/* Start of the clause that contains offset i, not before a. */
static int clause_start(const char *z, int a, int i){
  while( i>a ){
    int j = u8_prev(z, i);
    int k;
    unsigned char lead = (unsigned char)z[j];
    if( !(lead>=0xE4 && lead<=0xE9) && is_clause_mark(u8(z+j, &k)) ) break;   /* (Han: no mark) */
    i = j;
  }
  return i;
}

/* End of the clause that contains offset i, not after b. */
static int clause_end(const char *z, int i, int b){
  while( i<b ){
    int k;
    unsigned char lead = (unsigned char)z[i];
    if( lead>=0xE4 && lead<=0xE9 ){ i += 3; continue; }   /* Han: no mark */
    unsigned ch = u8(z+i, &k);
    if( is_clause_mark(ch) ) break;
    i += k;
  }
  return i;
}

/* True when the number at i is a baseline or a fact rather than a target:
** "由每生每年5元提高至10元" (the 5), "已下达12.87亿元", "现有企业120家". */
static int is_baseline(const char *z, int a, int b, int i, int e){
  int s = clause_start(z, a, i);
  if( i - s > 30 ) s = i - 30, s = s<a ? a : s;
  while( s<i && ((unsigned char)z[s] & 0xC0)==0x80 ) s++;
  /* the clause before the number, here running over 、 */
  int s2 = i;
  while( s2>a ){
    int jp = u8_prev(z, s2), kk;
    unsigned c2 = u8(z+jp, &kk);
    if( is_sentence_end(c2) || is_semicolon(c2) || is_comma(c2) || is_colon(c2) ) break;
    s2 = jp;
  }
  /* one pass over it: in the last 30 bytes of the clause "已", "现有",
  ** "原有", "目前", "共有", "去年", "上年末", "接壤" make a fact; "由"/"从"
  ** may open a baseline; anywhere "高阳有…3条高速": something has so many
  ** (but "至少有1名", "拥有量达") */
  int iFrom = -1, k;
  for(int j=s2; j+3<=i; j += k){
    unsigned ch = u8(z+j, &k);
    int bIn = j>=s;
    switch( ch ){
      case 0x5DF2: /* 已 */
        if( bIn ) return 1;
        break;
      case 0x73B0: /* 现 */
      case 0x539F: /* 原 */
      case 0x5171: /* 共 */
        if( bIn && at(z, j+3, i, "有") ) return 1;
        break;
      case 0x76EE: /* 目 */
        if( bIn && at(z, j+3, i, "前") ) return 1;
        break;
      case 0x53BB: /* 去 */
        if( bIn && at(z, j+3, i, "年") ) return 1;
        break;
      case 0x4E0A: /* 上 */
        if( bIn && at(z, j+3, i, "年末") ) return 1;
        break;
      case 0x63A5: /* 接 */
        if( bIn && at(z, j+3, i, "壤") ) return 1;
        break;
      case 0x7531: /* 由 */
      case 0x4ECE: /* 从 */
        iFrom = j;     /* (over 、: "从每人每月209元、280元提高到217元、290元") */
        break;
      case 0x6709: { /* 有 */
        unsigned pc = cp_before(z, j);
        if( at(z, j+3, i, "量") || at(z, j+3, i, "效") || at(z, j+3, i, "序") || at(z, j+3, i, "机")
            || at(z, j+3, i, "力") || at(z, j+3, i, "关") || at(z, j+3, i, "色") || at(z, j+3, i, "线") || at(z, j+3, i, "意") ) break;
        /* (拥有量, 有效, 有序, 有机, 有力, 有关, 有色金属, 有线电视, 有意愿) */
        if( pc==0x5C11 /*少*/ || pc==0x90FD /*都*/ || pc==0x5747 /*均*/ || pc==0x5C06 /*将*/
            || pc==0x8981 /*要*/ || pc==0x65B0 /*新*/ || pc==0x5177 /*具*/ || pc==0x6CA1 /*没*/
            || pc==0x6240 /*所有*/ || pc==0x542B /*含有*/ || pc==0x65E2 /*既有*/ || pc==0x589E /*新增有*/
            || pc==0x5360 /*占有率*/ ) break;
        /* a verb between 有 and the number makes the number its object:
        ** "有意愿…的人员开展职业技能培训超5万人次" */
        int bVerb = 0;
        for(int m=0; m<NLIT(aVerb) && !bVerb; m++){
          if( aVerb[m].n==6 && has_n(z, j+3, i, aVerb[m].z, 6) ) bVerb = 1;
        }
        if( bVerb ) break;
        return 1;
      }
    }
  }
  /* "在去年增长8%的基础上": the figure a target builds on */
  int ce = clause_end(z, e, b);
  if( ce - e <= 18 && has(z, e, ce, "基础上") ) return 1;
  /* "由每生每年5元提高至10元": the 5 */
  if( iFrom>=0 ){
    for(ce=e; ce<b; ){      /* the clause after it, over 、 */
      unsigned ch = u8(z+ce, &k);
      if( is_comma(ch) || is_semicolon(ch) || is_sentence_end(ch) || is_colon(ch) ) break;
      ce += k;
    }
    if( has(z, e, ce, "提高") || has(z, e, ce, "提升") || has(z, e, ce, "增加") || has(z, e, ce, "增至")
        || has(z, e, ce, "提至") || has(z, e, ce, "扩大") || has(z, e, ce, "降低") || has(z, e, ce, "降至")
        || has(z, e, ce, "调整") || has(z, e, ce, "上调") || has(z, e, ce, "到") || has(z, e, ce, "至") ) return 1;
  }
  return 0;
}

/* Where the words of strength first stand in the task z[a..b): *piStrive
** for 力争/争取/努力/力求, *piMust for 确保/完成/实现/必须/务必/保证 (b when
** absent).  A target after a strive word is "strive", else after a must
** word "must", else "plain". */
static void strength_marks(const char *z, int a, int b, int *piStrive, int *piMust){
  *piStrive = *piMust = b;
  /* one pass over the characters, testing the three bytes of each at once:
  ** 力争 力求 努力 争取 (strive), 确保 完成 实现 必须 务必 保证 (must) */
  for(int i=a; i+6<=b && *piStrive==b; i += u8_len((unsigned char)z[i])){
    unsigned char c = (unsigned char)z[i];
    if( c!=0xE4 && c!=0xE5 && c!=0xE7 ) continue;
    unsigned w = (unsigned)c<<16 | (unsigned)(unsigned char)z[i+1]<<8 | (unsigned char)z[i+2];
    const char *z2 = z + i + 3;
    switch( w ){
      case 0xE58A9B: /* 力 */
        if( at(z2, 0, b-i-3, "争") || at(z2, 0, b-i-3, "求") ) *piStrive = i;
        break;
      case 0xE58AAA: /* 努 */
        if( at(z2, 0, b-i-3, "力") ) *piStrive = i;
        break;
      case 0xE4BA89: /* 争 */
        if( at(z2, 0, b-i-3, "取") ) *piStrive = i;
        break;
      case 0xE7A1AE: /* 确 */
        if( *piMust==b && at(z2, 0, b-i-3, "保") ) *piMust = i;
        break;
      case 0xE5AE8C: /* 完 */
        if( *piMust==b && at(z2, 0, b-i-3, "成") ) *piMust = i;
        break;
      case 0xE5AE9E: /* 实 */
        if( *piMust==b && at(z2, 0, b-i-3, "现") ) *piMust = i;
        break;
      case 0xE5BF85: /* 必 */
        if( *piMust==b && at(z2, 0, b-i-3, "须") ) *piMust = i;
        break;
      case 0xE58AA1: /* 务 */
        if( *piMust==b && at(z2, 0, b-i-3, "必") ) *piMust = i;
        break;
      case 0xE4BF9D: /* 保 */
        if( *piMust==b && at(z2, 0, b-i-3, "证") ) *piMust = i;
        break;
    }
  }
}

/* The strength of a target whose number starts at i in the task z[a..):
** "strive" or "must" when such a word stands before it in its clause
** (between ，；。：), or opens the sentence ("力争A增长6%，B增长5%"), else
** "plain".  A word in an earlier clause does not reach it: in "经济增长5%
** 左右、在实际工作中努力争取更好结果，规上工业增加值增长6.5%左右" the 6.5% is
** plain. */
static const char *strength_of(const char *z, int a, int i){
  int cs = i, k;
  while( cs>a ){
    int jp = u8_prev(z, cs);
    unsigned ch = u8(z+jp, &k);
    if( is_comma(ch) || is_semicolon(ch) || is_sentence_end(ch) || is_colon(ch) ) break;
    cs = jp;
  }
  int iStrive, iMust;
  strength_marks(z, cs, i, &iStrive, &iMust);
  if( iStrive<i ) return "strive";
  if( iMust<i ) return "must";
  while( a<i && z[a]==' ' ) a++;
  if( at(z, a, i, "力争") || at(z, a, i, "争取") || at(z, a, i, "努力") || at(z, a, i, "力求") ) return "strive";
  if( at(z, a, i, "确保") || at(z, a, i, "必须") || at(z, a, i, "务必") || at(z, a, i, "保证") ) return "must";
  return "plain";
}

/* Words to trim from the ends of a subject. */
#define W(z) {z, sizeof(z)-1}
static const struct { const char *z; int n; } aSubjectTrim[] = {
  W("稳定在"), W("控制在"), W("保持在"), W("提高到"), W("提高至"), W("提升到"), W("提升至"), W("增加到"),
  W("增加至"), W("达到"), W("达"), W("增长"), W("下降"), W("降低"), W("提高"), W("提升"), W("超过"),
  W("不少于"), W("不低于"), W("不超过"), W("至少"), W("突破"), W("新增"), W("新建"), W("建成"), W("完成"),
  W("实现"), W("累计"), W("全年"), W("年内"), W("力争"), W("争取"), W("确保"), W("努力"), W("分别"),
  W("超"), W("约"), W("为"), W("在"), W("和"), W("及"), W("其中"), W("再"),
};
#undef W

/* The subject of a target: the words after the number when a noun follows
** ("133个老旧小区改造"), else the words before it in its clause
** ("高新技术企业达到63家"). Caller frees. */
static char *subject_of(const char *z, int a, int b, int iNum, int iEnd){
  int s, e;
  int k;
  unsigned ch = iEnd<b ? u8(z+iEnd, &k) : 0;
  int bNext = (ch==0x548C /*和*/ || ch==0x3001 || ch==0x53CA /*及*/) && iEnd+k<b
              && ((z[iEnd+k]>='0' && z[iEnd+k]<='9') || cn_digit(u8(z+iEnd+k, &k))>=0);
  if( (is_han(ch) || ch==0x201C) && !bNext ){
    s = iEnd;
    e = clause_end(z, iEnd, b);
    /* at most 16 characters */
    int nc = 0, j = s;
    while( j<e && nc<16 ){ u8(z+j, &k); j += k; nc++; }
    e = j;
  }else{
    s = clause_start(z, a, iNum);
    e = iNum;
  }
  int changed = 1;
  while( changed && s<e ){
    changed = 0;
    for(size_t m=0; m<sizeof(aSubjectTrim)/sizeof(*aSubjectTrim); m++){
      const char *w = aSubjectTrim[m].z;
      int len = aSubjectTrim[m].n;
      if( e - s > len && z[e-1]==w[len-1] && memcmp(z + e - len, w, (size_t)len)==0 ){ e -= len; changed = 1; }
      /* (at the start only words of two characters or 在为和及: not the 达 of
      ** 达标率, the 约 of 约束性指标, the 超 of 超市) */
      if( len==3 && !(memcmp(w, "在", 3)==0 || memcmp(w, "为", 3)==0 || memcmp(w, "和", 3)==0
                      || memcmp(w, "及", 3)==0) ) continue;
      if( e - s > len && z[s+len-1]==w[len-1] && memcmp(z + s, w, (size_t)len)==0 ){ s += len; changed = 1; }
    }
  }
  return xstrndup(z + s, (size_t)(e - s));
}

/* Try a target whose number starts at i (value v, number ends at e). On
** success add it to t and return the end of the target text, else 0. */
static int try_target(Ctx *c, XTask *t, int a, int b, int i, double v, int e, int bChinese){
  const char *z = c->P.a;
  int k;
  unsigned prev = cp_before(z, i);
  const char *zCmp = "=";
  double vMax = 0;
  int bRange = 0;
  if( prev==0x7B2C /*第*/ || is_glue(prev) ) return 0;
  if( e<b && is_glue(u8(z+e, &k)) && !(at(z, e, b, "Eflops") || at(z, e, b, "EFLOPS")
      || at(z, e, b, "EFlops") || at(z, e, b, "Pflops") || at(z, e, b, "PFLOPS") || at(z, e, b, "PFlops")
      || (at(z, e, b, "P") && !is_glue(e+1<b ? u8(z+e+1, &k) : 0))) ) return 0;   /* 1.7万P of computing */
  if( e<b && (u8(z+e, &k)==':' || u8(z+e, &k)==0x2236) ) return 0;
  if( bChinese && (v<2 || prev==0x5341 || cn_digit(prev)>=0) ) return 0;
  int j = e;
  /* 100余家, 300多人 */
  if( at(z, j, b, "余") || at(z, j, b, "多") ){ zCmp = ">="; j += 3; }
  const char *zUnit = 0;
  int nUnit = unit_at(z, j, b, &zUnit);
  /* a range: 3—5个, 4.5%—5%, 10至20个 */
  int jr = nUnit ? j + nUnit : j;
  unsigned dash = jr<b ? u8(z+jr, &k) : 0;
  if( dash==0x2014 || dash==0x2013 || dash==0x2015 || dash=='-' || dash==0xFF0D || dash=='~'
      || dash==0xFF5E || dash==0x81F3 /*至*/ || dash==0x5230 /*到*/ ){
    int js = jr + k;
    if( dash==0x2014 && at(z, js, b, "—") ) js += 3;      /* —— */
    double v2;
    int e2, bCn2;
    if( js<b && parse_number(z, js, b, &v2, &e2, &bCn2) && bCn2==bChinese && v2>v ){
      const char *zUnit2 = 0;
      int nUnit2 = unit_at(z, e2, b, &zUnit2);
      if( nUnit2 && (!nUnit || strcmp(zUnit, zUnit2)==0) ){
        /* "2—4万亩": the multiplier of the second applies to the first */
        if( !nUnit && !bChinese && e==digits_end(z, i, b) ) v *= v2 / raw_value(z, js, b);
        vMax = v2;
        bRange = 1;
        zUnit = zUnit2;
        nUnit = nUnit2;
        j = e2;
      }
    }
  }
  int bListUnit = 0;
  if( !nUnit && !bChinese && at(z, j, b, "、") && (at(z, e-3, b, "万") || at(z, e-3, b, "亿")) ){
    /* a list whose unit stands once, at its end: "分别达1.28万亿、1.18万亿、
    ** 8200亿元" (only numbers with a multiplier: "2、3号线" is no list) */
    int q = j;
    while( at(z, q, b, "、") ){
      double v2;
      int e2, bCn2;
      if( !parse_number(z, q+3, b, &v2, &e2, &bCn2) || bCn2 ) break;
      const char *zU2 = 0;
      int n2 = unit_at(z, e2, b, &zU2);
      if( n2 ){ zUnit = zU2; bListUnit = 1; break; }
      q = e2;
    }
  }
  if( !nUnit && !bListUnit ){
    /* 年 and 岁 count only for the measures they are: 受教育年限达到11.3年,
    ** 人均预期寿命提高到78岁左右 */
    int cs = clause_start(z, a, i);
    if( at(z, j, b, "年") && has(z, cs, i, "年限") && !at(z, j+3, b, "级") ){ zUnit = "年"; nUnit = 3; }
    else if( at(z, j, b, "岁") && has(z, cs, i, "寿命") ){ zUnit = "岁"; nUnit = 3; }
    else return 0;
  }
  if( bChinese && strcmp(zUnit, "%")==0 ) return 0;
  /* units that follow a number but make no target here */
  if( (strcmp(zUnit, "期")==0 || strcmp(zUnit, "届")==0 || strcmp(zUnit, "次")==0
       || strcmp(zUnit, "轮")==0) && bChinese ) return 0;
  if( strcmp(zUnit, "届")==0 || (strcmp(zUnit, "期")==0 && v<100) ) return 0;   /* but 成长课堂1万期 */
  if( strcmp(zUnit, "P")==0 && !(e>=3 && (at(z, e-3, b, "万") || at(z, e-3, b, "亿"))) ) return 0;
  int iEnd = j + nUnit;
  /* a rate: 58万元/人, 1400万吨/年, 0.6人/百亿元 */
  static const char *azPer[] = {"/人", "/年", "/百亿元", "/亿元", "/万元", "/亩", "/日", "/天",
                                "/千人", "/万人", "/平方公里", "/小时", "/户", "/千克"};
  char zRate[32];
  if( iEnd<b && z[iEnd]=='/' && strchr(zUnit, '/')==0 ){
    for(size_t m=0; m<sizeof(azPer)/sizeof(*azPer); m++){
      if( at(z, iEnd, b, azPer[m]) ){
        snprintf(zRate, sizeof(zRate), "%s%s", zUnit, azPer[m]);
        zUnit = zRate;
        iEnd += (int)strlen(azPer[m]);
        break;
      }
    }
  }
  /* 一次性, 一批 … are words, not counts; "青年50人论坛" is a name */
  if( at(z, iEnd, b, "性") || at(z, iEnd, b, "级") || at(z, iEnd, b, "型") || at(z, iEnd, b, "化")
      || at(z, iEnd, b, "制") || at(z, iEnd, b, "论坛") || at(z, iEnd, b, "峰会") ) return 0;
  /* a policy named by its count: "改革30条政策措施", "十二条措施" */
  if( strcmp(zUnit, "条")==0 && (at(z, iEnd, b, "政策") || at(z, iEnd, b, "措施") || at(z, iEnd, b, "意见")
      || at(z, iEnd, b, "举措") || at(z, iEnd, b, "规定") || at(z, iEnd, b, "硬措施")) ) return 0;
  if( strcmp(zUnit, "度")==0 && !(at(z, j-3, b, "亿") || at(z, j-3, b, "万")) ) return 0;
  if( strcmp(zUnit, "方")==0 && (at(z, iEnd, b, "面") || at(z, iEnd, b, "案") || at(z, iEnd, b, "式")) ) return 0;
  if( strcmp(zUnit, "米")==0 && (at(z, iEnd, b, "饭") || at(z, iEnd, b, "粮")) ) return 0;
  /* an alternative unit in brackets: "1万台（套）以上" */
  if( (at(z, iEnd, b, "（") || at(z, iEnd, b, "(")) ){
    int q = iEnd + (z[iEnd]=='(' ? 1 : 3);
    int kk;
    if( q<b && is_han(u8(z+q, &kk)) && (at(z, q+kk, b, "）") || at(z, q+kk, b, ")")) ){
      iEnd = q + kk + (z[q+kk]==')' ? 1 : 3);
    }
  }
  int bSuffix = 0;
  for(int m=0; m<NLIT(aSuffix); m++){
    if( at(z, iEnd, b, aSuffix[m].w.z) ){
      zCmp = aSuffix[m].zCmp;
      iEnd += aSuffix[m].w.n;
      bSuffix = 1;
      break;
    }
  }
  /* a class, not a target: "10万千瓦及以下燃煤机组", "5万元以下的村" */
  if( bSuffix && strcmp(zCmp, "<=")==0 && iEnd<b ){
    unsigned nx = u8(z+iEnd, &k);
    if( is_han(nx) && nx!=0x548C /*和*/ && nx!=0x53CA /*及*/ && nx!=0x4E0E /*与*/ && nx!=0x6216 /*或*/ ) return 0;
  }
  if( !bSuffix && strcmp(zCmp, "=")==0 ){
    /* the word may be followed by 有/达到/为/在 or a verb: "至少有1名",
    ** "至少建成2所"; the longest word wins (不高于 over 高于) */
    int ip = i;
    static const Lit aLink[] = {LIT("达到"), LIT("有"), LIT("达"), LIT("为"), LIT("在")};
    for(int m=0; m<NLIT(aLink); m++){
      if( ends_with_n(z, a, ip, aLink[m].z, aLink[m].n) ){ ip -= aLink[m].n; break; }
    }
    if( ip==i ){
      for(int m=0; m<NLIT(aVerb); m++){
        if( aVerb[m].n==6 && ends_with_n(z, a, ip, aVerb[m].z, 6) ){ ip -= 6; break; }
      }
    }
    int nBest = 0;
    for(int m=0; m<NLIT(aPrefix); m++){
      int len = aPrefix[m].w.n;
      if( len>nBest && (ends_with_n(z, a, i, aPrefix[m].w.z, len)
                        || (ip<i && ends_with_n(z, a, ip, aPrefix[m].w.z, len))) ){
        zCmp = aPrefix[m].zCmp;
        nBest = len;
      }
    }
    /* 控制在5%内; but "50米内换乘" is a condition */
    if( at(z, iEnd, b, "内") ){
      if( !has(z, clause_start(z, a, i), i, "控制") ) return 0;
      zCmp = "<=";
      iEnd += 3;
    }
  }
  if( bChinese ){
    /* a class, not a count: "地表水三类及以上断面" */
    int bVerb = bSuffix && strcmp(zUnit, "类")!=0;
    for(int m=0; m<NLIT(aVerb) && !bVerb; m++){
      if( ends_with_n(z, a, i, aVerb[m].z, aVerb[m].n) ) bVerb = 1;
    }
    /* an item of a list governed by a verb: "改造老旧小区23个、背街小巷十五条，" */
    if( !bVerb && (iEnd>=b || is_clause_mark(u8(z+iEnd, &k))) ){
      int s = i;
      while( s>a ){
        int jp = u8_prev(z, s);
        unsigned c2 = u8(z+jp, &k);
        if( is_sentence_end(c2) || is_semicolon(c2) || is_comma(c2) || is_colon(c2) ) break;
        s = jp;
      }
      for(int m=0; m<NLIT(aVerb) && !bVerb; m++){
        if( aVerb[m].n>=6 && has_n(z, s, i, aVerb[m].z, aVerb[m].n) ) bVerb = 1;
      }
      for(int m=0; m<NLIT(aListVerb) && !bVerb; m++){
        if( has_n(z, s, i, aListVerb[m].z, aListVerb[m].n) ) bVerb = 1;
      }
    }
    if( !bVerb ) return 0;
  }
  if( is_baseline(z, a, b, i, e) ) return 0;
  /* a programme named by a round figure in Chinese: "实施百亿斤粮食产能提升工程" */
  if( bChinese ){
    int q = iEnd, nc = 0, kk;
    while( q<b && nc<14 && is_han(u8(z+q, &kk)) ){ q += kk; nc++; }
    if( nc>=2 && (ends_with(z, iEnd, q, "工程") || ends_with(z, iEnd, q, "行动") || ends_with(z, iEnd, q, "计划")) ) return 0;
  }
  /* a target said again to explain it: "5.5%左右的预期增长目标与…衔接" when
  ** the same figure stood as a target before */
  if( at(z, iEnd, b, "的") && (at(z, iEnd+3, b, "预期") || at(z, iEnd+3, b, "增长目标") || at(z, iEnd+3, b, "目标")) ){
    for(int m=0; m<c->p->nTask; m++){
      const XTask *t2 = &c->p->aTask[m];
      for(int q=0; q<t2->nTarget; q++){
        if( t2->aTarget[q].value==v && strcmp(t2->aTarget[q].zUnit, zUnit)==0 && t2!=t ) return 0;
      }
    }
  }
  if( ends_with(z, a, i, "海拔") ) return 0;
  if( at(z, iEnd, b, "的") && ends_with(z, a, i, "率") ) return 0;   /* 空置率30%—50%的村 */
  if( bRange ) zCmp = "range";
  XTarget *g = ARRAY_PUSH(t->aTarget, t->nTarget, t->nTargetAlloc);
  g->span = ctx_span(c, i, iEnd);
  g->zText = ctx_text(c, i, iEnd);
  g->value = v;
  g->valueMax = vMax;
  g->zUnit = xstrdup(zUnit);
  g->zCmp = zCmp;
  g->zStrength = strength_of(z, a, i);
  g->zSubject = subject_of(z, a, b, i, iEnd);
  return iEnd;
}

/* Past the upper end of a range that follows a number ending at e
** ("30%—50%": from after "30" to after "50%"), or e when none follows. */
static int skip_range(const char *z, int e, int b){
  int k, j = e;
  const char *zUnit;
  j += unit_at(z, j, b, &zUnit);
  unsigned ch = j<b ? u8(z+j, &k) : 0;
  if( ch==0x2014 || ch==0x2013 || ch==0x2015 || ch=='-' || ch==0xFF0D || ch=='~' || ch==0xFF5E || ch==0x81F3 ){
    int js = j + k, e2, bCn;
    double v2;
    if( ch==0x2014 && at(z, js, b, "—") ) js += 3;
    if( js<b && parse_number(z, js, b, &v2, &e2, &bCn) ) return e2 + unit_at(z, e2, b, &zUnit);
  }
  return e;
}

/* "分别增长10%和12%以上": a target without a comparison of its own takes the
** comparison of the next target when only 和/、/及/与 stands between. */
static void share_comparisons(Ctx *c, XTask *t, int *aStart, int *aEnd){
  const char *z = c->P.a;
  for(int k=t->nTarget-2; k>=0; k--){
    XTarget *g = &t->aTarget[k], *h = &t->aTarget[k+1];
    if( strcmp(g->zCmp, "=")!=0 || strcmp(h->zCmp, "=")==0 || strcmp(h->zCmp, "range")==0 ) continue;
    int s = aEnd[k], e = aStart[k+1];
    int len = e - s;
    if( (len==3 && (at(z, s, e, "和") || at(z, s, e, "、") || at(z, s, e, "及") || at(z, s, e, "与")))
        || (len==1 && z[s]==',') || (len==6 && at(z, s, e, "以及")) ){
      g->zCmp = h->zCmp;
    }
  }
  /* "比重分别超过2%、5%": a word before the first reaches the rest */
  for(int k=1; k<t->nTarget && k<64; k++){
    XTarget *g = &t->aTarget[k-1], *h = &t->aTarget[k];
    if( strcmp(h->zCmp, "=")!=0 || strcmp(g->zCmp, "=")==0 || strcmp(g->zCmp, "range")==0 ) continue;
    int s = aEnd[k-1], e = aStart[k];
    if( !(e - s==3 && at(z, s, e, "、")) ) continue;
    int cs = aStart[k-1] > 40 ? aStart[k-1] - 40 : 0;
    while( cs<aStart[k-1] && ((unsigned char)z[cs] & 0xC0)==0x80 ) cs++;
    if( has(z, cs, aStart[k-1], "分别") ) h->zCmp = g->zCmp;
  }
}

/* See xtext.h: find the targets in P[a, b) and add them to t. */
void targets_find(Ctx *c, XTask *t, int a, int b){
  const char *z = c->P.a;
  /* the lead and second bytes of the characters in the switch below */
  static const uint64_t aFirst[16] = {
    [0x2] = LEAD2(0x80), [0x3] = LEAD2(0x80),
    [0x4] = LEAD2(0xB8) | LEAD2(0xB9) | LEAD2(0xBA),
    [0x5] = LEAD2(0x85) | LEAD2(0x8D) | LEAD2(0x9B),
    [0x7] = LEAD2(0x99), [0xF] = LEAD2(0xBC),
  };
  int depth = 0, i = a;
  int aStart[64], aEnd[64];
  while( i<b ){
    int k;
    unsigned char lead = (unsigned char)z[i];
    /* fast skip: ASCII other than digits and ", and CJK lead bytes that
    ** start no numeral, quote or full-width digit */
    if( lead<0x80 && !(lead>='0' && lead<='9') && lead!='"' ){ i++; continue; }
    if( lead==0xE6 || lead==0xE8 || lead==0xE9 ){ i += 3; continue; }
    /* only the numerals, the quotes and the full-width digits can start
    ** something here: a first filter on two bytes, then all three */
    if( lead>=0xE2 && lead<=0xEF && i+2<b ){
      if( !lead2_in(aFirst, z+i) ){ i += 3; continue; }
      unsigned w = (unsigned)lead<<16 | (unsigned)(unsigned char)z[i+1]<<8 | (unsigned char)z[i+2];
      switch( w ){
        case 0xE4B880: case 0xE4BA8C: case 0xE4B8A4: case 0xE4B889: case 0xE59B9B: /* 一二两三四 */
        case 0xE4BA94: case 0xE585AD: case 0xE4B883: case 0xE585AB: case 0xE4B99D: /* 五六七八九 */
        case 0xE58D81: case 0xE799BE: case 0xE58D83: case 0xE4B887: case 0xE4BABF: /* 十百千万亿 */
        case 0xE38087: case 0xE3808C: case 0xE3808D: case 0xE2809C: case 0xE2809D: /* 〇「」“” */
          break;
        default:
          if( w>=0xEFBC90 && w<=0xEFBC99 ) break;                                /* ０-９ */
          i += 3;
          continue;
      }
    }
    unsigned ch = u8(z+i, &k);
    if( ch==0x201C || ch==0x300C /*「*/ ){ depth++; i += k; continue; }
    if( (ch==0x201D || ch==0x300D) && depth>0 ){ depth--; i += k; continue; }
    if( ch=='"' ){ depth = depth ? 0 : 1; i += k; continue; }
    int bDigit = (ch>='0' && ch<='9') || (ch>=0xFF10 && ch<=0xFF19);
    int bCn = !bDigit && cn_digit(ch)>=0 && ch!=0x4E07 && ch!=0x4EBF && ch!=0x96F6;
    if( (bDigit || bCn) && depth==0 ){
      unsigned prev = cp_before(z, i);
      int bPrevNum = (prev>='0' && prev<='9') || prev=='.' || (bCn && cn_digit(prev)>=0);
      double v;
      int e, bChinese;
      if( !bPrevNum && parse_number(z, i, b, &v, &e, &bChinese) && e>i ){
        int n0 = t->nTarget;
        int iEnd = try_target(c, t, a, b, i, v, e, bChinese);
        if( iEnd ){
          if( n0<64 ){ aStart[n0] = i; aEnd[n0] = iEnd; }
          i = iEnd;
          continue;
        }
        /* a refused range is refused whole: not its upper end alone */
        i = skip_range(z, e, b);
        continue;
      }
    }
    i += k;
  }
  if( t->nTarget<=64 ) share_comparisons(c, t, aStart, aEnd);
}
