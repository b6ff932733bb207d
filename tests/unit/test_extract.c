/* test_extract.c -- unit tests of the extractor's rules: numbers, targets,
** deadlines, outline and cleaning, each on a few lines of report text. */
#include "unit.h"
#include "extract.h"
#include "xtext.h"

/* Extract a small report: a plan part heading, then zBody. Caller frees. */
static Extraction *plan(const char *zBody){
  static Extraction x;
  char *z = xprintf("二、2026年工作安排\n%s\n", zBody);
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 2026, &x, &e), 0);
  free(z);
  return &x;
}

/* The targets of a one-sentence plan, as "value unit cmp strength;" … */
static char *targets_of(const char *zSentence){
  Extraction *x = plan(zSentence);
  Buf b = BUF_INIT;
  for(int i=0; i<x->nTask; i++){
    for(int k=0; k<x->aTask[i].nTarget; k++){
      XTarget *t = &x->aTask[i].aTarget[k];
      buf_printf(&b, "%.15g", t->value);
      if( strcmp(t->zCmp, "range")==0 ) buf_printf(&b, "-%.15g", t->valueMax);
      buf_printf(&b, " %s %s %s;", t->zUnit, t->zCmp, t->zStrength);
    }
  }
  extraction_free(x);
  return buf_detach(&b);
}

#define TARGETS(zIn, zWant) do{ char *z_ = targets_of(zIn); \
  if( strcmp(z_, zWant)!=0 ){ fail_msg("%s\n  want: %s\n  got:  %s", zIn, zWant, z_); } free(z_); }while(0)

static void test_numbers(void **state){
  static const struct { const char *z; double v; } a[] = {
    {"1.68万", 16800}, {"十五", 15}, {"两", 2}, {"一百二十", 120}, {"3千万", 3e7},
    {"1万亿", 1e12}, {"二〇二六", 2026}, {"百万", 1e6}, {"1,000", 1000}, {"500万", 5e6},
    {"０.５", 0.5}, {"三千", 3000}, {"十", 10},
  };
  for(size_t i=0; i<sizeof(a)/sizeof(a[0]); i++){
    double v; int e, bCn;
    assert_true(parse_number(a[i].z, 0, (int)strlen(a[i].z), &v, &e, &bCn));
    if( v!=a[i].v ) fail_msg("%s: want %g got %g", a[i].z, a[i].v, v);
  }
}

static void test_targets(void **state){
  TARGETS("城镇新增就业3000人以上。", "3000 人 >= plain;");
  TARGETS("城镇调查失业率控制在5.5%以内。", "5.5 % <= plain;");
  TARGETS("地区生产总值增长6.5%左右。", "6.5 % ~ plain;");
  TARGETS("力争培育高新技术企业3—5家。", "3-5 家 range strive;");
  TARGETS("增速保持在4.5%—5%。", "4.5-5 % range plain;");
  TARGETS("确保新增新能源装机3000万千瓦。", "30000000 千瓦 = must;");
  TARGETS("接待游客40万人次。", "400000 人次 = plain;");
  TARGETS("建成1亿千瓦时储能。", "100000000 千瓦时 = plain;");
  TARGETS("争取资金500万元以上。", "5000000 元 >= strive;");
  TARGETS("新建十五个口袋公园。", "15 个 = plain;");
  TARGETS("城乡居民收入分别增长10%和12%以上。", "10 % >= plain;12 % >= plain;");
  TARGETS("粮食产量超过840亿斤。", "84000000000 斤 >= plain;");
  TARGETS("发电量超3000亿度。", "300000000000 度 >= plain;");
  TARGETS("实施总投资1.68亿元的东环路改造。", "168000000 元 = plain;");
  TARGETS("发放补贴1.6万户，新增电梯500部以上。", "16000 户 = plain;500 部 >= plain;");
  TARGETS("新增就业100余人。", "100 人 >= plain;");
  TARGETS("改造老旧小区23个、背街小巷十五条。", "23 个 = plain;15 条 = plain;");
  TARGETS("能源综合生产能力达2.3亿吨标准煤左右。", "230000000 吨标准煤 ~ plain;");
  TARGETS("算力规模突破190Eflops。", "190 Eflops >= plain;");
  TARGETS("农机作业服务面积60万亩次以上。", "600000 亩次 >= plain;");
  TARGETS("平均受教育年限达到11.3年，人均预期寿命提高到78岁左右。", "11.3 年 = plain;78 岁 ~ plain;");
  TARGETS("细颗粒物年平均浓度不高于23微克/立方米。", "23 微克/立方米 <= plain;");
  TARGETS("每所学校至少建成2所标准化食堂。", "2 所 >= plain;");
  TARGETS("全省地区生产总值迈上3万亿元台阶。", "3000000000000 元 >= plain;");
  TARGETS("全员劳动生产率达到58万元/人，产能1400万吨/年。", "580000 元/人 = plain;14000000 吨/年 = plain;");
  TARGETS("举办文化活动300场次，新建学校3―5所。", "300 场次 = plain;3-5 所 range plain;");
  TARGETS("开行中欧班列4000班次，盘活闲置农房2万宗，开设课程100门。", "4000 班次 = plain;20000 宗 = plain;100 门 = plain;");
  TARGETS("开办成长课堂1万期，新增智能算力1.7万P。", "10000 期 = plain;17000 P = plain;");
  TARGETS("推广农机1万台（套）以上，土壤有机质含量28克/千克。", "10000 台 >= plain;28 克/千克 = plain;");
  TARGETS("为既有住宅加装电梯600部，新增有进出口实绩企业1500家以上。", "600 部 = plain;1500 家 >= plain;");
  TARGETS("经济增长5%左右、努力争取更好结果，工业增加值增长6.5%左右。", "5 % ~ plain;6.5 % ~ plain;");
  TARGETS("确保就业45万人以上，失业率控制在5.5%左右。", "450000 人 >= must;5.5 % ~ must;");
  TARGETS("有色金属、装备制造业规模分别达1.28万亿、8200亿元。", "1280000000000 元 = plain;820000000000 元 = plain;");
  TARGETS("替代品占有率达84%，比重分别超过2%、5%。", "84 % = plain;2 % >= plain;5 % >= plain;");
  TARGETS("补贴标准分别从每人每月209元、280元提高到217元、290元。", "217 元 = plain;290 元 = plain;");
}

static void test_not_targets(void **state){
  TARGETS("为70岁以上老年人发放津贴。", "");
  TARGETS("为80周岁及以上老人体检。", "");
  TARGETS("深入开展“十四个专项行动”。", "");
  TARGETS("实施治本攻坚三年行动。", "");
  TARGETS("编制“十五五”规划，推进一核两轴布局。", "");
  TARGETS("2026年是关键之年。", "");
  TARGETS("申报第三批试点，改造G318沿线。", "");
  TARGETS("优化12345热线，创建4A级景区。", "");
  TARGETS("保费由每人每年380元提高到420元。", "420 元 = plain;");
  TARGETS("加快实施已下达12.87亿元国债资金项目。", "");
  TARGETS("坚持“两个毫不动摇”[8]，落实八项规定。", "");
  TARGETS("强化PM2.5治理，推广5G应用，发展“1+N”模式。", "");
  TARGETS("全面落实“7×24小时”服务。", "");
  TARGETS("落实开发区管理制度改革30条政策措施。", "");
  TARGETS("为海拔1500米以上学校建设供暖设施。", "");
  TARGETS("完成农宅空置率30%—50%的“空心村”治理。", "");
  TARGETS("建成250个社区健身路径或3人制篮球场。", "250 个 = plain;");
  TARGETS("我县有保沧、大广、津石3条高速贯穿全境。", "");
  TARGETS("在去年增长8%的基础上，力争增长9%。", "9 % = strive;");
  TARGETS("公交与轨道50米内换乘比例提升至93%。", "93 % = plain;");
  TARGETS("全省地表水三类及以上断面比例达到47%。", "47 % = plain;");
  TARGETS("关停10万千瓦及以下燃煤机组，消除收入5万元以下的村。", "");
  TARGETS("办好第3期培训班。", "");
  TARGETS("实施百亿斤粮食产能提升工程。", "");
  TARGETS("举办创新创业青年50人论坛。", "");
}

/* The texts of the tasks of a whole small report, joined by "|". */
static char *tasks_of(const char *zReport){
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)zReport, strlen(zReport), 2026, &x, &e), 0);
  Buf b = BUF_INIT;
  for(int i=0; i<x.nTask; i++) buf_printf(&b, "%s%s", i ? "|" : "", x.aTask[i].zText);
  extraction_free(&x);
  return buf_detach(&b);
}

/* Closing words and review parts that their titles do not name. */
static void test_not_tasks(void **state){
  char *z = tasks_of(
    "各位代表：\n一、一年接着一年干，建设持续取得新进展\n2025年是收官之年。一年来，我们新建学校5所。\n"
    "二、2026年主要工作和“十四五”发展成就\n过去一年，我们改造小区10个。\n"
    "三、2026年重点工作\n新建学校8所。\n各位代表，蓝图已经绘就。\n"
    "各位代表！\n雄关漫道真如铁，而今迈步从头越。让我们更加紧密地团结在党中央周围，奋力谱写新篇章！\n相关报道：\n");
  assert_string_equal(z, "新建学校8所。");
  free(z);
  z = tasks_of(
    "各位代表：\n二、关于规划纲要的说明\n“十四五”时期，我市发展极不平凡。全市生产总值从4万亿元增加到5万亿元。\n"
    "“十五五”时期要实现生产总值年均增长5%。\n");
  assert_string_equal(z, "“十五五”时期要实现生产总值年均增长5%。");
  free(z);
  /* a part of past results and goals ahead is a plan; its look back is not */
  Extraction x;
  Err e = {0};
  const char *zR = "各位代表：\n二、“十四五”时期发展成就和“十五五”时期主要目标任务\n"
                   "过去五年，我们新建学校50所。\n（一）建设现代化产业体系\n新建学校8所。\n";
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)zR, strlen(zR), 2026, &x, &e), 0);
  assert_int_equal(x.nTask, 1);
  assert_string_equal(x.aTask[0].zText, "新建学校8所。");
  assert_string_equal(x.aTask[0].deadline.zDate, "2030-12-31");
  extraction_free(&x);
  /* readings of the situation, of a period or of the plan's indicators */
  z = tasks_of("二、2026年工作安排\n“十五五”时期是夯实基础的关键时期。总体来看，机遇大于挑战。"
               "这些指标既考虑外部环境变化，又考虑实际。2026年是中国共产党成立105周年。新建学校8所。\n");
  assert_string_equal(z, "新建学校8所。");
  free(z);
  /* "让我们" inside a look back ("最让我们铭记于心") ends nothing */
  z = tasks_of(
    "各位代表：\n一、2025年工作回顾\n各位代表！2025年主要目标任务圆满完成，最让我们铭记于心的是团结奋斗。\n"
    "各位代表！回顾过去，在此，我代表省人民政府表示衷心感谢！\n"
    "二、2026年重点工作\n壮大先进制造业。\n推进乡村规划管理全覆盖。新建学校8所。\n"
    "各位代表！\n让我们更加紧密地团结在党中央周围，奋力谱写新篇章！\n");
  assert_string_equal(z, "推进乡村规划管理全覆盖。|新建学校8所。");
  free(z);
}

/* The deadline date of the first task of a one-sentence plan; "-" when it
** is not explicit. */
static void deadline_is(const char *zSentence, const char *zWant){
  Extraction *x = plan(zSentence);
  assert_true(x->nTask>=1);
  const XDeadline *d = &x->aTask[0].deadline;
  const char *zGot = d->explicit ? d->zDate : "-";
  if( strcmp(zGot, zWant)!=0 ) fail_msg("%s: want %s got %s", zSentence, zWant, zGot);
  if( !d->explicit ) assert_string_equal(d->zDate, "2026-12-31");
  extraction_free(x);
}

static void test_deadlines(void **state){
  deadline_is("6月底前完成主体工程。", "2026-06-30");
  deadline_is("“十五五”内争取尽早消除跨市域“断头路”。", "2030-12-31");
  deadline_is("办好“三月三”活动。", "-");
  deadline_is("利用三年时间完成植树2.3万亩。", "2028-12-31");
  deadline_is("力争通过3年努力，培育上市企业10家。", "2028-12-31");
  deadline_is("实施治本攻坚三年行动。", "-");
  deadline_is("年底前建成投用。", "2026-12-31");
  deadline_is("力争明年全面完工。", "2027-12-31");
  deadline_is("上半年开工建设。", "2026-06-30");
  deadline_is("一季度完成招标。", "2026-03-31");
  deadline_is("确保汛期前完成修复。", "2026-05-31");
  deadline_is("6月中旬达到通车条件。", "2026-06-20");
  deadline_is("到2030年基本建成。", "2030-12-31");
  deadline_is("2027年建成投用。", "2027-12-31");
  deadline_is("2026年底基本完工。", "2026-12-31");
  deadline_is("“十五五”时期要实现翻番。", "2030-12-31");
  deadline_is("三季度末完成评估。", "2026-09-30");
  deadline_is("9月底前完成验收。", "2026-09-30");
  deadline_is("牢固树立“今天再迟也是早，明天再早也是迟”的效率意识。", "-");
  deadline_is("编制“十五五”时期国民经济规划。", "-");
  deadline_is("巩固2025年底前的成果。", "-");
  deadline_is("到二〇三五年基本实现现代化。", "2035-12-31");
  deadline_is("“十五五”时期经济社会发展的主要目标是：动能持续增强。", "2030-12-31");
  deadline_is("“十五五”时期我省发展的指导思想是：坚持稳中求进。", "-");
  deadline_is("实现“十五五”时期经济社会发展目标，必须坚持党的领导。", "-");
  deadline_is("新博物馆力争10月开馆。", "2026-10-31");
  deadline_is("明确了今后五年的发展目标。", "2030-12-31");
  deadline_is("每年10月至12月开展培训。", "-");
}

/* 一是/二是 inside a section's paragraph are headings of their own. */
static void test_inline_headings(void **state){
  const char *z =
    "二、2026年工作安排\n（一）提升城市品质。围绕宜居城市建设。一是扮靓城市颜值。新建公园5个。"
    "二是留住城市记忆。修缮古建筑3处，6月底前完成。\n";
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 2026, &x, &e), 0);
  assert_int_equal(x.nNode, 4);
  assert_string_equal(x.aNode[2].zLabel, "一是");
  assert_string_equal(x.aNode[2].zTitle, "扮靓城市颜值");
  assert_int_equal(x.aNode[2].iParent, 1);
  assert_int_equal(x.aNode[3].iParent, 1);
  assert_int_equal(x.nTask, 3);
  assert_string_equal(x.aTask[0].zText, "围绕宜居城市建设。");
  assert_int_equal(x.aTask[0].iNode, 1);
  assert_int_equal(x.aTask[1].iNode, 2);
  assert_int_equal(x.aTask[2].iNode, 3);
  assert_string_equal(x.aTask[2].deadline.zDate, "2026-06-30");
  extraction_free(&x);
  /* a list whose items are not all short titles is a list of tasks */
  char *zT = tasks_of("二、2026年工作安排\n（九）办好民生实事。今年再办好4件民生实事。一是为怀孕妇女提供免费产前筛查。"
                      "二是对新生儿给予全额补助。三是开展内镜检查3万名。"
                      "四是招募“西部计划”志愿者3000名、社区助理3000名，实施大学生实习计划。\n");
  assert_string_equal(zT, "今年再办好4件民生实事。|一是为怀孕妇女提供免费产前筛查。|二是对新生儿给予全额补助。"
                          "|三是开展内镜检查3万名。|四是招募“西部计划”志愿者3000名、社区助理3000名，实施大学生实习计划。");
  free(zT);
}

/* Tasks under a heading that names a five-year period get its end; a goal
** list opened by "以下主要目标" keeps that period through its items. */
static void test_period_scope(void **state){
  const char *z =
    "各位代表：\n一、2025年工作回顾\n去年新建公园5个。\n"
    "二、“十五五”时期的主要目标任务\n“十五五”时期要努力实现以下主要目标。\n"
    "——发展质量明显提升。城镇化率达65%左右。\n坚持稳中求进。\n"
    "（一）努力推动创新发展\n研发投入年均增长10%。\n"
    "三、2026年重点工作\n（一）扩大有效需求\n新建学校3所。\n";
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 2026, &x, &e), 0);
  static const struct { const char *zText; const char *zDate; } a[] = {
    {"“十五五”时期要努力实现以下主要目标。", "2030-12-31"},
    /* "——发展质量明显提升。" is the item's run-in heading, not a task */
    {"城镇化率达65%左右。", "2030-12-31"},
    {"坚持稳中求进。", "2026-12-31"},
    {"研发投入年均增长10%。", "2030-12-31"},
    {"新建学校3所。", "2026-12-31"},
  };
  assert_int_equal(x.nTask, 5);
  for(int i=0; i<5; i++){
    assert_string_equal(x.aTask[i].zText, a[i].zText);
    assert_string_equal(x.aTask[i].deadline.zDate, a[i].zDate);
  }
  extraction_free(&x);
}

/* Web-page damage: a scraper's metadata header, lines cut by markup, the
** report given twice, a page footer. */
static void test_scraped_page(void **state){
  const char *z =
    "标题：2026年松岭县政府工作报告\n来源URL：http://example.org/a/b.shtml\n报告人：松岭县县长 林某\n正文：\n"
    "各位代表：\n二、“\n十五五\n”时期主要目标任务\n（一）推进“\n两新\n”工作\n"
    "完成设备更新\n1200台套。\n各位代表，让我们团结奋斗！\n来源：松岭新闻网\n"
    "各位代表：\n二、“十五五”时期主要目标任务\n完成设备更新1200台套。\n"
    "各位代表，让我们团结奋斗！\n"
    "友情链接\n中国科普网\n国家科学技术奖励工作办公室\n联系地址：松岭县东二环1539号 电话\n：\n0312-3312066\n"
    "上班时间：周一至周五 上午：8:30-12:00  下午：13:30-17:30（夏季14:30-17:30）\n"
    "Copyright © 2026 www.example.org All Rights Reserved 版权所有：松岭县人民政府\n";
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 2026, &x, &e), 0);
  assert_int_equal(x.nNode, 2);
  assert_non_null(x.zTitle);
  assert_string_equal(x.zTitle, "2026年松岭县政府工作报告");     /* from the 标题： line */
  assert_string_equal(x.aNode[0].zTitle, "“十五五”时期主要目标任务");
  assert_string_equal(x.aNode[1].zTitle, "推进“两新”工作");
  assert_int_equal(x.nTask, 1);
  assert_string_equal(x.aTask[0].zText, "完成设备更新1200台套。");
  assert_int_equal(x.aTask[0].nTarget, 1);
  int bCopy = 0, bFooter = 0;
  for(int i=0; i<x.nSkip; i++){
    if( strstr(x.aSkip[i].zText, "完成设备更新1200台套") ) bCopy = 1;   /* the second copy */
    if( strstr(x.aSkip[i].zText, "Copyright") ) bFooter = 1;
  }
  assert_true(bCopy);
  assert_true(bFooter);
  extraction_free(&x);
}

static void test_split_by_deadline(void **state){
  Extraction *x = plan("加快松岭产业园建设，6月底前完成主体工程，10月底前投入使用。");
  assert_int_equal(x->nTask, 2);
  assert_string_equal(x->aTask[0].deadline.zDate, "2026-06-30");
  assert_string_equal(x->aTask[1].deadline.zDate, "2026-10-31");
  assert_string_equal(x->aTask[1].zText, "10月底前投入使用。");
  extraction_free(x);
}

static void test_outline(void **state){
  const char *z =
    "各位代表：\n现在，我代表区人民政府向大会报告工作。\n"
    "一、2025年工作回顾\n过去一年，新建公园5个。\n一是产业升级。完成投资30亿元。\n"
    "二、2026年工作安排\n（一）聚焦产业升级，推动高质量发展。坚持实体经济。\n"
    "一是壮大主导产业。新增企业10家。\n(二)聚焦城乡融合\n1.老旧小区改造。完成12个小区改造。\n"
    "三、全面加强政府自身建设\n第一，坚持依法行政。推进法治政府建设。\n";
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 0, &x, &e), 0);
  /* nodes: 一、 二、 （一） 一是 (二) 1. 三、 第一， (the review's 一是 is not a heading) */
  static const char *azLabel[] = {"一、", "二、", "（一）", "一是", "(二)", "1.", "三、", "第一，"};
  static const int aParent[] = {-1, -1, 1, 2, 1, 4, -1, 6};
  assert_int_equal(x.nNode, 8);
  for(int i=0; i<8; i++){
    assert_string_equal(x.aNode[i].zLabel, azLabel[i]);
    assert_int_equal(x.aNode[i].iParent, aParent[i]);
  }
  assert_string_equal(x.aNode[2].zTitle, "聚焦产业升级，推动高质量发展");
  assert_int_equal(x.aNode[0].partKind, PART_REVIEW);
  assert_int_equal(x.aNode[1].partKind, PART_PLAN);
  assert_int_equal(x.year, 2026);
  /* no task from the greeting or the review */
  for(int i=0; i<x.nTask; i++){
    assert_null(strstr(x.aTask[i].zText, "我代表"));
    assert_null(strstr(x.aTask[i].zText, "新建公园"));
    assert_null(strstr(x.aTask[i].zText, "完成投资30亿元"));
  }
  assert_string_equal(x.aTask[0].zText, "坚持实体经济。");
  extraction_free(&x);
}

static void test_page_break_join(void **state){
  const char *z =
    "（上接第一版）二、2026年工作安排\n一是打造生态宜居环境。深化散煤清零，推进传统产业废气治理与“公转\n\n"
    "— 3 —\n\n铁”，持续提升空气质量优良率。\n（责任编辑：王一）\n";
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 2026, &x, &e), 0);
  int bJoined = 0;
  for(int i=0; i<x.nTask; i++){
    if( strstr(x.aTask[i].zText, "“公转铁”，持续提升空气质量优良率。") ) bJoined = 1;
    assert_null(strstr(x.aTask[i].zText, "— 3 —"));
    assert_null(strstr(x.aTask[i].zText, "编辑"));
  }
  assert_true(bJoined);
  assert_true(x.nSkip>=3);
  assert_string_equal(x.aSkip[0].zWhy, "page continuation marker");
  extraction_free(&x);
}

/* A subscript on a line of its own ("PM" ⏎ "2.5" ⏎ "浓度") is joined, not
** taken for a page number. */
/* A goal list run inside a sentence ("目标，即：…；…。") gives its items the
** period and ends with that sentence; a target said again to explain it is
** not counted twice. */
static void test_inline_goal_list(void **state){
  Extraction *x = plan("今后五年经济社会发展目标，即：发展质量明显提升；改革取得新突破。"
                       "要兼顾现实需要。经济增长5.5%左右。5.5%左右的预期增长目标与规划衔接。");
  assert_int_equal(x->nTask, 5);
  assert_string_equal(x->aTask[0].deadline.zDate, "2030-12-31");
  assert_string_equal(x->aTask[1].deadline.zDate, "2030-12-31");
  assert_string_equal(x->aTask[2].deadline.zDate, "2026-12-31");
  assert_int_equal(x->aTask[3].nTarget, 1);
  assert_int_equal(x->aTask[4].nTarget, 0);
  extraction_free(x);
}

/* A newspaper's byline is furniture; a ； inside （…） ends no clause. */
static void test_byline_and_brackets(void **state){
  char *z = tasks_of("二、2026年工作安排\n松岭日报讯 1月30日，林晓东说，今年要新建学校8所。"
                     "坚持稳中求进（五个坚持：坚持改革；坚持开放），推动高质量发展。\n");
  assert_string_equal(z, "今年要新建学校8所。|坚持稳中求进（五个坚持：坚持改革；坚持开放），推动高质量发展。");
  free(z);
}

static void test_subscript_join(void **state){
  char *z = tasks_of("二、2026年工作安排\n深化生态环境分区管控，推动污染防治攻坚向美丽建设拓展。持续改善空气质量，以PM\n2.5\n"
                     "浓度持续下降为主线，协同控制臭氧污染。\n");
  assert_string_equal(z, "深化生态环境分区管控，推动污染防治攻坚向美丽建设拓展。|持续改善空气质量，以PM2.5浓度持续下降为主线，协同控制臭氧污染。");
  free(z);
}

static void test_departments(void **state){
  Extraction *x = plan("1.发布就业岗位50万个以上；开展职业技能培训40万人次（牵头单位：人社厅、财政厅）。");
  assert_int_equal(x->nTask, 2);
  for(int i=0; i<2; i++){
    assert_int_equal(x->aTask[i].nDept, 2);
    assert_string_equal(x->aTask[i].azDept[0], "人社厅");
    assert_string_equal(x->aTask[i].azDept[1], "财政厅");
  }
  extraction_free(x);
}

/* Tags a scraper left in a text file are dropped, block tags break lines,
** and spans still count in the file as it is. */
static void test_scraped_tags(void **state){
  const char *z = "二、2026年工作安排<br/>\n<p>（一）扩大需求。新建学校<b>3</b>所，"
                  "<span style=\"x\">年底前</span>建成体育馆。</p>";
  Extraction x;
  Err e = {0};
  assert_int_equal(extract_bytes("t.txt", (unsigned char*)z, strlen(z), 2026, &x, &e), 0);
  assert_string_equal(x.zFormat, "txt");
  assert_int_equal(x.nNode, 2);
  assert_string_equal(x.aNode[1].zTitle, "扩大需求");
  assert_int_equal(x.nTask, 1);
  assert_string_equal(x.aTask[0].zText, "新建学校3所，年底前建成体育馆。");
  assert_int_equal(x.aTask[0].nTarget, 1);
  assert_true(x.aTask[0].deadline.explicit);
  /* the deadline's span is the words in the file: 年底前 after the <span> */
  assert_int_equal(x.aTask[0].deadline.span.iEnd - x.aTask[0].deadline.span.iStart, 3);
  extraction_free(&x);
}

static void test_bad_bytes(void **state){
  Extraction x;
  Err e = {0};
  const unsigned char a[] = {0xD5, 0xE2, 0x00, 0x01, 0x02};
  assert_int_not_equal(extract_bytes("r.doc", a, sizeof(a), 0, &x, &e), 0);
  assert_string_equal(e.zMsg, "r.doc: not text (byte 2)");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_targets),
    cmocka_unit_test(test_not_targets),
    cmocka_unit_test(test_not_tasks),
    cmocka_unit_test(test_deadlines),
    cmocka_unit_test(test_split_by_deadline),
    cmocka_unit_test(test_period_scope),
    cmocka_unit_test(test_inline_headings),
    cmocka_unit_test(test_scraped_page),
    cmocka_unit_test(test_outline),
    cmocka_unit_test(test_page_break_join),
    cmocka_unit_test(test_subscript_join),
    cmocka_unit_test(test_byline_and_brackets),
    cmocka_unit_test(test_inline_goal_list),
    cmocka_unit_test(test_departments),
    cmocka_unit_test(test_scraped_tags),
    cmocka_unit_test(test_bad_bytes),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
