/*
** outline.c -- the outline of the report: numbered headings (一、 （一）
** 一是 第一， 1. （1）) and unnumbered part titles (2025年工作回顾,
** 2026年工作安排, 名词解释 ...), each linked to its parent; and the part
** every paragraph lies in (review, plan or other), which decides what may
** be a task.
*/
#include "xtext.h"
#include <stdlib.h>

/* Ranks of heading types: a heading's parent is the nearest open heading
** of a lower rank. */
#define RANK_PART   0   /* unnumbered part title */
#define RANK_DUN    1   /* 一、 */
#define RANK_PAREN  2   /* （一） (一) */
#define RANK_SHI    3   /* 一是 一要 第一， */
#define RANK_DOT    4   /* 1. 1、 1． */
#define RANK_NPAREN 5   /* （1） (1) */
#define N_RANK      6

/* Longest title (in code points) a heading of each rank may have; a longer
** first sentence makes the paragraph a list item, not a heading. */
static const int aMaxTitle[N_RANK] = {40, 60, 60, 32, 30, 30};

/* Value of a Chinese digit character (零〇一二两三四五六七八九十百千万亿),
** or -1. 十 is 10, 百 100, 千 1000, 万 10000, 亿 100000000. */
int cn_digit(unsigned c){
  switch( c ){
    case 0x96F6: case 0x3007: return 0;   /* 零 〇 */
    case 0x4E00: return 1;  case 0x4E8C: return 2;  case 0x4E24: return 2; /* 一 二 两 */
    case 0x4E09: return 3;  case 0x56DB: return 4;  case 0x4E94: return 5;
    case 0x516D: return 6;  case 0x4E03: return 7;  case 0x516B: return 8;
    case 0x4E5D: return 9;  case 0x5341: return 10; case 0x767E: return 100;
    case 0x5343: return 1000; case 0x4E07: return 10000; case 0x4EBF: return 100000000;
  }
  return -1;
}

/* Parse a small Chinese numeral (一 … 九十九) at z[i]; returns its value
** and sets *pEnd, or returns -1. */
static int cn_small(const char *z, int i, int n, int *pEnd){
  int k, v = 0, cur = -1, nd = 0;
  while( i<n && nd<4 ){
    unsigned ch = u8(z+i, &k);
    int d = cn_digit(ch);
    if( d<0 || d>10 || ch==0x4E24 ) break;   /* 两 does not number headings */
    if( d==10 ){ v += (cur<0 ? 1 : cur)*10; cur = 0; }
    else{ if( cur>0 ) return -1; cur = d; }
    i += k; nd++;
  }
  if( nd==0 ) return -1;
  if( cur>0 ) v += cur;
  if( v==0 ) return -1;
  *pEnd = i;
  return v;
}

/* Recognise a heading label at z[a]: returns the rank, or -1 when there is
** none, and sets *pLabelEnd. */
static int label_at(const char *z, int a, int b, int *pLabelEnd){
  int k, e;
  unsigned ch = u8(z+a, &k);
  if( is_lparen(ch) ){
    int i = a + k;
    if( cn_small(z, i, b, &e)>0 && e<b && is_rparen(u8(z+e, &k)) ){ *pLabelEnd = e + k; return RANK_PAREN; }
    int nd = 0;
    while( i<b && z[i]>='0' && z[i]<='9' && nd<3 ){ i++; nd++; }
    if( nd && i<b && is_rparen(u8(z+i, &k)) ){ *pLabelEnd = i + k; return RANK_NPAREN; }
    return -1;
  }
  if( cn_small(z, a, b, &e)>0 && e<b ){
    unsigned c2 = u8(z+e, &k);
    if( c2==0x3001 /*、*/ || c2==0xFF0E /*．*/ ){ *pLabelEnd = e + k; return RANK_DUN; }
    if( c2==0x662F /*是*/ || c2==0x8981 /*要*/ ){
      /* not 一要素, 二是否 ... : the title must follow */
      *pLabelEnd = e + k;
      return RANK_SHI;
    }
    return -1;
  }
  if( at(z, a, b, "第") && cn_small(z, a+3, b, &e)>0 && e<b && at(z, e, b, "部分") ){
    /* 第一部分 2025年工作回顾 */
    e += 6;
    while( e<b && (z[e]==' ' || is_colon(u8(z+e, &k)) || u8(z+e, &k)==0x3001) ) e += z[e]==' ' ? 1 : k;
    *pLabelEnd = e;
    return RANK_DUN;
  }
  if( at(z, a, b, "第") && cn_small(z, a+3, b, &e)>0 && e<b ){
    unsigned c2 = u8(z+e, &k);
    if( is_comma(c2) || c2==0x3001 || is_colon(c2) ){ *pLabelEnd = e + k; return RANK_SHI; }
    return -1;
  }
  if( ch>='0' && ch<='9' ){
    int i = a, nd = 0;
    while( i<b && z[i]>='0' && z[i]<='9' && nd<3 ){ i++; nd++; }
    if( nd>=3 || i>=b ) return -1;
    unsigned c2 = u8(z+i, &k);
    if( c2=='.' || c2==0xFF0E || c2==0x3001 ){
      if( i+k<b && z[i+k]>='0' && z[i+k]<='9' ) return -1;   /* 1.5% */
      *pLabelEnd = i + k;
      return RANK_DOT;
    }
  }
  return -1;
}

/* Code points in z[a..b). */
static int nchars(const char *z, int a, int b){
  return (int)utf8_count(z + a, (size_t)(b - a));
}

/* True when the text has sentence punctuation (。！？；) anywhere. */
static int has_sentence_end(const char *z, int a, int b){
  return has(z, a, b, "。") || has(z, a, b, "！") || has(z, a, b, "？") || has(z, a, b, "；");
}

/* What title_part_kind() says of a title that names both a review and a
** plan ("2025年主要工作和“十四五”发展成就"); never stored in a node. */
#define PART_AMBIG 9

/* The part kind a title names: review, plan or other; PART_NONE when the
** words say nothing, PART_AMBIG when they say both. */
static int title_part_kind(const char *z, int a, int b){
  static const char *azReview[] = {"回顾", "总结", "过去一年", "过去五年", "成就",
                                   "工作情况", "进展情况", "执行情况"};
  static const char *azOther[] = {"名词解释", "名词注释", "词语解释", "注释", "附件", "附录"};
  static const char *azPlan[] = {"安排", "任务", "重点工作", "目标", "计划", "部署", "民生实事",
                                 "自身建设", "要求", "思路", "建议", "举措", "措施", "主要工作",
                                 "工作重点"};
  for(size_t k=0; k<sizeof(azOther)/sizeof(*azOther); k++) if( has(z, a, b, azOther[k]) ) return PART_OTHER;
  int bReview = 0, bPlan = 0;
  for(size_t k=0; k<sizeof(azReview)/sizeof(*azReview); k++) if( has(z, a, b, azReview[k]) ) bReview = 1;
  for(size_t k=0; k<sizeof(azPlan)/sizeof(*azPlan); k++) if( has(z, a, b, azPlan[k]) ) bPlan = 1;
  /* "主要工作回顾" is a review; "目标和主要任务" a plan; "主要工作和…成就"
  ** both (PART_AMBIG: the caller looks at the text under it) */
  if( bReview && !(bPlan && !has(z, a, b, "回顾")) ) return PART_REVIEW;
  /* "“十四五”时期发展成就和“十五五”时期主要目标任务": goals ahead make a plan
  ** (its look back is left out paragraph by paragraph) */
  if( bReview && bPlan && (has(z, a, b, "目标") || has(z, a, b, "任务") || has(z, a, b, "安排")
                           || has(z, a, b, "计划")) ) return PART_PLAN;
  if( bReview && bPlan ) return PART_AMBIG;
  if( bPlan ) return PART_PLAN;
  return PART_NONE;
}

/* True when the text under a heading opens by looking back: the first
** 160 bytes of its body (the rest of the heading's paragraph, else the next
** paragraph) say "一年来", "过去一年", "五年来", "极不平凡的一年"…  For part
** titles that name no kind ("一、一年接着一年干，…取得新进展新成效"). */
static int body_looks_back(Ctx *c, int iPara, int iBody){
  static const char *azBack[] = {"一年来", "过去一年", "过去的一年", "这一年", "五年来", "过去五年",
                                 "这五年", "极不平凡的一年", "我们主要做了", "重点抓了"};
  const char *z = c->P.a;
  int a = iBody, b = c->aPara[iPara].iEnd;
  if( a>=b ){
    if( iPara+1>=c->nPara || c->aPara[iPara+1].kind!=PARA_BODY ) return 0;
    a = c->aPara[iPara+1].iStart;
    b = c->aPara[iPara+1].iEnd;
  }
  if( b - a > 160 ) b = a + 160;
  for(size_t k=0; k<sizeof(azBack)/sizeof(*azBack); k++) if( has(z, a, b, azBack[k]) ) return 1;
  return 0;
}

/* True when z[a..b) holds a year "2026年" (or a year in Chinese digits). */
static int has_year(const char *z, int a, int b){
  for(int i=a; i+7<=b; i++){
    if( z[i]>='1' && z[i]<='2' && z[i+1]>='0' && z[i+1]<='9' && z[i+2]>='0' && z[i+2]<='9'
        && z[i+3]>='0' && z[i+3]<='9' && at(z, i+4, b, "年") ) return 1;
  }
  return has(z, a, b, "二〇") || has(z, a, b, "今年") || has(z, a, b, "明年");
}

/* True when a whole paragraph is an unnumbered part title. */
static int is_part_title(const char *z, int a, int b){
  if( b - a > 4*aMaxTitle[RANK_PART] ) return 0;
  int nc = nchars(z, a, b);
  if( nc<2 || nc>aMaxTitle[RANK_PART] || has_sentence_end(z, a, b) ) return 0;
  if( has(z, a, b, "，") || has(z, a, b, ",") ) return 0;
  /* a colon inside ("总体要求是：认真落实…") makes it a sentence */
  {
    int e = is_colon(cp_before(z, b)) ? u8_prev(z, b) : b;
    if( has(z, a, e, "：") || has(z, a, e, ":") ) return 0;
  }
  if( is_colon(cp_before(z, b)) ){
    /* "2025年工作安排：" — a part title only when short and plainly one */
    b = u8_prev(z, b);
    if( nc>24 || title_part_kind(z, a, b)==PART_NONE || has(z, a, b, "是") ) return 0;
  }
  return title_part_kind(z, a, b)!=PART_NONE;
}

/* True for a bare annex marker ("附件", "附件1", "附：") that is neither a
** node nor a task. */
static int is_annex_marker(const char *z, int a, int b){
  return nchars(z, a, b)<=4 && (at(z, a, b, "附件") || at(z, a, b, "附："));
}

/* End of the first sentence in z[a..b): offset just after its 。！？,
** or b when there is none. *pbEnd says whether a mark was found. */
static int first_sentence_end(const char *z, int a, int b, int *pbEnd){
  int depth = 0;
  for(int i=a; i<b; ){
    int k;
    unsigned char lead = (unsigned char)z[i];
    if( lead>=0xE4 && lead<=0xE9 ){ i += 3; continue; }   /* Han: no mark */
    unsigned ch = u8(z+i, &k);
    if( ch==0x201C || ch==0x300A ) depth++;          /* “ 《 */
    else if( (ch==0x201D || ch==0x300B) && depth>0 ) depth--;
    else if( depth==0 && is_sentence_end(ch) ){ *pbEnd = 1; return i; }
    i += k;
  }
  *pbEnd = 0;
  return b;
}

/* Length in bytes of the character at z[i] (a sentence mark). */
static int mark_len(const char *z, int i){
  int k;
  u8(z+i, &k);
  return k;
}

/* Add a node; returns its index. */
static int add_node(Ctx *c, int iParent, int rank, int iLabel, int iTitle, int iTitleEnd, int partKind){
  Extraction *p = c->p;
  XNode *n = ARRAY_PUSH(p->aNode, p->nNode, p->nNodeAlloc);
  n->iParent = iParent;
  n->level = rank;
  n->partKind = partKind;
  int iLabelEnd = iTitle;
  while( iLabelEnd>iLabel && (c->P.a[iLabelEnd-1]==' ' || is_colon(cp_before(c->P.a, iLabelEnd))) ){
    iLabelEnd = c->P.a[iLabelEnd-1]==' ' ? iLabelEnd-1 : u8_prev(c->P.a, iLabelEnd);
  }
  n->zLabel = ctx_text(c, iLabel, iLabelEnd);
  /* trim spaces and a closing ： from the title */
  while( iTitleEnd>iTitle && c->P.a[iTitleEnd-1]==' ' ) iTitleEnd--;
  if( iTitleEnd>iTitle && is_colon(cp_before(c->P.a, iTitleEnd)) ) iTitleEnd = u8_prev(c->P.a, iTitleEnd);
  while( iTitle<iTitleEnd && c->P.a[iTitle]==' ' ) iTitle++;
  n->zTitle = ctx_text(c, iTitle, iTitleEnd);
  n->span = ctx_span(c, iLabel, iTitleEnd);
  return p->nNode - 1;
}

/* Find "一是…。二是…。" headings inside the body of paragraph q (a plan
** paragraph under node iParent), and make them nodes: at least a 一是 and
** a 二是, each opening a sentence with a short title.  Records them in
** c->aInline. */
static void inline_headings(Ctx *c, Para *q, int iParent, int partKind, int nFirst){
  const char *z = c->P.a;
  int a = q->iBody, b = q->iEnd;
  int n0 = nFirst - 1;    /* numbers before this paragraph's first inline one */
  int aStart[32], aTitle[32], aTitleEnd[32], aNum[32], n = 0;
  int nSeq = 0;           /* items numbered in sequence, headings or not */
  for(int s=a; s<b && n<32; ){
    int iLabelEnd, bEnd;
    /* the start of each sentence */
    if( label_at(z, s, b, &iLabelEnd)==RANK_SHI && !at(z, s, b, "第") ){
      int e2, num = cn_small(z, s, b, &e2);
      if( num==n0+nSeq+1 ) nSeq++;
      int e = first_sentence_end(z, iLabelEnd, b, &bEnd);
      int nc = nchars(z, iLabelEnd, e);
      if( bEnd && nc>=2 && nc<=aMaxTitle[RANK_SHI] && num==n0+n+1 && !has(z, iLabelEnd, e, "；") ){
        aStart[n] = s; aTitle[n] = iLabelEnd; aTitleEnd[n] = e; aNum[n] = num;
        n++;
      }
    }
    /* on to the next sentence (or the list after a colon: "“五个行动”：一是…") */
    int e, k;
    for(e=s; e<b; ){
      unsigned char lead = (unsigned char)z[e];
      if( lead>=0xE4 && lead<=0xE9 ){ e += 3; continue; }   /* Han: no mark */
      unsigned ch = u8(z+e, &k);
      e += k;
      if( is_sentence_end(ch) || is_semicolon(ch) || is_colon(ch) ) break;
    }
    s = e;
  }
  if( n + n0 < 2 || n==0 ) return;
  /* all the items are headings or none is: "一是为怀孕妇女提供免费产前筛查…。
  ** 二是…。…四是对…开展…3万名，…" is a list of tasks */
  if( nSeq>n ) return;
  q->iInline = c->nInline;
  q->nInline = n;
  for(int i=0; i<n; i++){
    Inline *h = ARRAY_PUSH(c->aInline, c->nInline, c->nInlineAlloc);
    h->iStart = aStart[i];
    h->iEnd = aTitleEnd[i] + mark_len(z, aTitleEnd[i]);
    h->iNode = add_node(c, iParent, RANK_SHI, aStart[i], aTitle[i], aTitleEnd[i], partKind);
    (void)aNum;
  }
}

/* True when the sentence z[a..e) reads as an unnumbered heading: 4 to 18
** characters, no comma, no figure (Arabic or Chinese: "办好十件民生实事"
** is a task). */
static int is_run_in(const char *z, int a, int e){
  int nc = nchars(z, a, e);
  if( nc<4 || nc>18 || has(z, a, e, "，") || has(z, a, e, ",") || has(z, a, e, "；") ) return 0;
  for(int j=a; j<e; ){
    int k;
    unsigned ch = u8(z+j, &k);
    if( (ch>='0' && ch<='9') || (ch>=0xFF10 && ch<=0xFF19) ) return 0;
    int d = cn_digit(ch);
    if( d>=2 && ch!=0x4E07 /*万*/ ) return 0;
    j += k;
  }
  return 1;
}

/* See xtext.h. */
void outline_build(Ctx *c){
  const char *z = c->P.a;
  int aOpen[N_RANK];
  int i, r;
  int bGreeting = 0, bFront = 0;
  for(r=0; r<N_RANK; r++) aOpen[r] = -1;
  for(i=0; i<c->nPara; i++){
    if( c->aPara[i].kind==PARA_GREET ) bGreeting = 1;
    if( c->aPara[i].kind==PARA_FRONT ) bFront = 1;
  }
  /* Before any part title: the greeting is not a plan; a page that starts
  ** mid-report (no greeting, no title) is taken to be in the plan. */
  int curPart = (bGreeting || bFront) ? PART_OTHER : PART_PLAN;
  int rank0Kind = PART_NONE;     /* kind of the open unnumbered part */
  int lastDunKind = PART_NONE;   /* kind set by the last 一、 heading */
  int bLastAlone = 0;            /* the paragraph before is a heading alone */
  for(i=0; i<c->nPara; i++){
    Para *q = &c->aPara[i];
    int a = q->iStart, b = q->iEnd;
    if( q->kind==PARA_FRONT || q->kind==PARA_GREET ){
      q->partKind = PART_OTHER;
      continue;
    }
    if( q->kind==PARA_CLOSE ){
      curPart = PART_OTHER;
      q->partKind = PART_OTHER;
      for(r=0; r<N_RANK; r++) aOpen[r] = -1;
      continue;
    }
    if( is_annex_marker(z, a, b) ){
      curPart = PART_OTHER;
      q->partKind = PART_OTHER;
      q->iBody = b;
      for(r=0; r<N_RANK; r++) aOpen[r] = -1;
      continue;
    }
    int rank = -1, iLabelEnd = a, iTitleEnd = b, iBody = b, bEnd = 0, bLeadIn = 0;
    rank = label_at(z, a, b, &iLabelEnd);
    if( rank<0 && is_part_title(z, a, b) ){
      rank = RANK_PART;
      iLabelEnd = a;
      /* "重点工作：" right in a plan part whose title names a year: a sub-part */
      if( aOpen[RANK_PART]>=0 && aOpen[RANK_DUN]<0 && curPart==PART_PLAN && !has_year(z, a, b)
          && has_year(c->p->aNode[aOpen[RANK_PART]].zTitle, 0, (int)strlen(c->p->aNode[aOpen[RANK_PART]].zTitle))
          && (title_part_kind(z, a, b)==PART_PLAN || title_part_kind(z, a, b)==PART_AMBIG) ){
        rank = RANK_DUN;
      }
      /* "重点工作任务：" inside a numbered part (二、…): a lead-in line, not a
      ** part of its own; the sections after it stay under 二、 */
      if( aOpen[RANK_DUN]>=0 && curPart==PART_PLAN && !has_year(z, a, b) && is_colon(cp_before(z, b)) ){
        rank = -1;
        bLeadIn = 1;
      }
    }else{
      if( rank>=0 ){
        iTitleEnd = first_sentence_end(z, iLabelEnd, b, &bEnd);
        iBody = bEnd ? iTitleEnd + mark_len(z, iTitleEnd) : b;
        int nc = nchars(z, iLabelEnd, iTitleEnd);
        if( nc<2 || nc>aMaxTitle[rank] || has(z, iLabelEnd, iTitleEnd, "；")
            || has(z, iLabelEnd, iTitleEnd, ";") ) rank = -(rank+2);   /* a list item */
        else if( rank==RANK_SHI && curPart==PART_REVIEW ) rank = -(rank+2);
        else if( (rank==RANK_DOT || rank==RANK_NPAREN) && bEnd && iBody<b ){
          /* "1.text。more text" is an item of a list unless short */
          if( nc>20 ) rank = -(rank+2);
        }
      }
    }
    if( rank==-1 && b - a < 400 && has(z, a, b, "作") && has(z, a, b, "工作报告")
        && (has(z, a, b, "常务委员会") || has(z, a, b, "法院") || has(z, a, b, "检察院")
            || has(z, a, b, "政协")) ){
      /* a news page about the session: another organ's report follows
      ** ("县人大常委会主任…作…常务委员会工作报告"), not the government's plan */
      curPart = PART_OTHER;
      for(r=0; r<N_RANK; r++) aOpen[r] = -1;
      q->partKind = curPart;
      q->iBody = b;
      continue;
    }
    if( rank==-1 && (at(z, a, b, "各位代表") || at(z, a, b, "同志们")) ){
      /* an address to the deputies closes the sections: what follows
      ** belongs to the part ("各位代表，蓝图已经绘就…") */
      for(r=RANK_PAREN; r<N_RANK; r++) aOpen[r] = -1;
    }
    if( rank < -1 ){
      /* a numbered list item: the body starts after the label */
      q->iBody = iLabelEnd;
      q->partKind = curPart;
      for(r=N_RANK-1; r>=0 && aOpen[r]<0; r--){}
      q->iOwner = r>=0 ? aOpen[r] : -1;
      continue;
    }
    if( rank>=0 ){
      int iParent = -1;
      for(r=rank-1; r>=0; r--) if( aOpen[r]>=0 ){ iParent = aOpen[r]; break; }
      for(r=rank; r<N_RANK; r++) aOpen[r] = -1;
      if( rank<=RANK_DUN ){
        int kind = title_part_kind(z, iLabelEnd, iTitleEnd);
        /* a title that says nothing, or both ("2025年主要工作和…发展成就"):
        ** the text under it decides */
        if( (kind==PART_NONE || kind==PART_AMBIG) && body_looks_back(c, i, iBody) ) kind = PART_REVIEW;
        else if( kind==PART_AMBIG ) kind = PART_PLAN;
        if( rank==RANK_PART ){
          if( kind==PART_NONE ) kind = PART_PLAN;
          rank0Kind = kind;
          lastDunKind = PART_NONE;
        }else if( rank==RANK_DUN && iLabelEnd==a ){
          /* a yearless part title under a plan part ("重点工作：") */
          rank0Kind = kind;
        }else if( kind==PART_NONE ){
          if( rank0Kind!=PART_NONE && iParent>=0 ) kind = rank0Kind;
          else if( lastDunKind==PART_REVIEW || curPart==PART_REVIEW ) kind = PART_PLAN;
          else kind = curPart==PART_OTHER ? PART_PLAN : curPart;
        }else if( kind==PART_REVIEW && rank0Kind==PART_PLAN && iParent>=0 ){
          kind = PART_PLAN;   /* 一、… under a plan part keeps the plan */
        }
        if( rank==RANK_DUN ) lastDunKind = kind;
        curPart = kind;
      }
      int iNode = add_node(c, iParent, rank, a, iLabelEnd, iTitleEnd, curPart);
      aOpen[rank] = iNode;
      q->iNode = iNode;
    }
    q->iBody = iBody;
    if( rank<0 ) q->iBody = bLeadIn ? b : a;
    q->partKind = curPart;
    for(r=N_RANK-1; r>=0 && aOpen[r]<0; r--){}
    q->iOwner = r>=0 ? aOpen[r] : -1;
    /* inline 一是/二是 headings in a plan section's paragraph (not under a
    ** 一是 of its own, and not right under a part: there they are principles) */
    q->iInline = -1;
    if( curPart==PART_PLAN && q->kind==PARA_BODY && r>=RANK_PAREN && r<RANK_SHI ){
      inline_headings(c, q, q->iOwner, curPart, 1);
    }else if( curPart==PART_PLAN && rank==RANK_SHI && q->iNode>=0 && aOpen[RANK_PAREN]>=0 ){
      /* "一是…。" opened the paragraph; its 二是, 三是 follow inline */
      int e2, num = cn_small(z, a, b, &e2);
      if( num>0 ) inline_headings(c, q, c->p->aNode[q->iNode].iParent, curPart, num+1);
    }
    /* an unnumbered run-in heading: a short first sentence without commas
    ** followed by more text ("久久为功巩固脱贫成果。严格落实…"), or standing
    ** as a paragraph of its own before the text ("壮大先进制造业。") */
    if( rank<0 ){
      int e = first_sentence_end(z, a, b, &bEnd);
      int iNext = bEnd ? e + mark_len(z, e) : b;
      int bAlone = 0;
      if( bEnd && iNext>=b && i+1<c->nPara && c->aPara[i+1].kind==PARA_BODY ){
        /* the text it heads follows: a longer paragraph with no label */
        const Para *q2 = &c->aPara[i+1];
        int e2;
        bAlone = q2->iEnd - q2->iStart > 2*(b - a) && label_at(z, q2->iStart, q2->iEnd, &e2)<0
                 && !is_part_title(z, q2->iStart, q2->iEnd);
      }
      /* (after a heading standing alone, the paragraph's first sentence is text) */
      if( bEnd && (bAlone || (iNext<b && !bLastAlone)) && is_run_in(z, a, e) ){
        q->bRunIn = 1;
      }
      bLastAlone = q->bRunIn && bAlone;
    }
  }
}
