// The texts of the demo registry: a Heze-like "1+N" framework, the Ten Actions, and the
// templates the 327 packages, ~400 events and the e-commerce carriers are drawn from.
// Everything here is raw text, as a form or a CSV line carries it. Figures and document
// numbers are invented for the demo; the domain notes (../shared/domain.md) name only
// 以旧换新, 文旅 and 养老 among the Ten Actions, so the others are labelled as demo.

export const DEMO_LABEL = "演示数据";

/** A deterministic PRNG (mulberry32): the same seed gives the same demo every time. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  /** An index drawn with the given weights. */
  const weighted = (weights: readonly number[]) => {
    let r = next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  return { next, int, pick, shuffle, weighted };
}
export type Rng = ReturnType<typeof prng>;

const DAY = 86_400_000;
/** Day `n` (0-based) of 2025 as YYYY-MM-DD. */
export function day2025(n: number): string {
  return new Date(Date.UTC(2025, 0, 1) + Math.max(0, Math.min(364, n)) * DAY).toISOString().slice(0, 10);
}
/** The day of 2025 (0-based) of a YYYY-MM-DD date. */
export function dayOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(2025, 0, 1)) / DAY);
}
/** First day (0-based) of each month of 2025. */
export const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** Whole yuan → the text a form carries ("1500000.00"). */
export const yuan = (amount: number) => `${Math.round(amount)}.00`;

/** Events that ended by this day have their footfall and sales reported (the demo's snapshot). */
export const REPORTED_UNTIL = "2025-09-30";

// ── Policies ─────────────────────────────────────────────────────────────────
// `by` names who registers it: the issuing department's staff (county policies: the county's).

export interface PolicySeed {
  key: string;
  by: string;
  raw: Record<string, string>;
}

export const MASTER_POLICY: PolicySeed = {
  key: "master",
  by: "staff",
  raw: {
    title: "菏泽市提振消费专项行动方案",
    docNumber: "菏政办发〔2025〕3号",
    issuedOn: "2025-02-12",
    level: "city",
    kind: "master",
    effect: "in_force",
    summary: `${DEMO_LABEL}：“1+N”政策体系的总方案。实施提振消费十大行动，打造“惠享菏泽”消费品牌，整合汽车、家电、家装、3C数码、电商平台、金融机构和县域商户七类资源推出促消费政策包，市县联动、部门协同开展大型促消费活动。`,
    link: "菏政办发〔2025〕3号附件1：提振消费十大行动任务清单",
  },
};

export const SUPPORTING_POLICIES: PolicySeed[] = [
  {
    key: "auto",
    by: "staff",
    raw: {
      title: "菏泽市汽车以旧换新补贴实施细则",
      docNumber: "菏商务发〔2025〕5号",
      issuedOn: "2025-02-20",
      level: "city",
      summary: `${DEMO_LABEL}：报废或转出旧车并购买新车的个人消费者按车型给予补贴，配合新能源汽车下乡活动。`,
    },
  },
  {
    key: "appliances",
    by: "staff",
    raw: {
      title: "菏泽市家电和数码产品以旧换新补贴实施细则",
      docNumber: "菏商务发〔2025〕6号",
      issuedOn: "2025-02-20",
      level: "city",
      summary: `${DEMO_LABEL}：一级能效家电、手机等数码产品按售价的一定比例补贴，单件设上限；旧机上门回收。`,
    },
  },
  {
    key: "vouchers",
    by: "staff",
    raw: {
      title: "“惠享菏泽”消费券发放实施方案",
      docNumber: "菏商务发〔2025〕9号",
      issuedOn: "2025-01-15",
      level: "city",
      summary: `${DEMO_LABEL}：市级财政安排专项资金发放餐饮、零售消费券，分批次经云闪付、微信支付等渠道发放。`,
    },
  },
  {
    key: "tourism",
    by: "tourism.staff",
    raw: {
      title: "菏泽市促进文化和旅游消费若干措施",
      docNumber: "菏文旅发〔2025〕8号",
      issuedOn: "2025-03-05",
      level: "city",
      summary: `${DEMO_LABEL}：景区门票优惠、夜游夜市、文旅惠民消费季等措施。`,
    },
  },
  {
    key: "elderly",
    by: "civil.staff",
    raw: {
      title: "菏泽市养老服务消费提升工作方案",
      docNumber: "菏民发〔2025〕4号",
      issuedOn: "2025-03-18",
      level: "city",
      summary: `${DEMO_LABEL}：养老机构入住优惠、居家适老化改造补贴、银发助餐等。`,
    },
  },
  {
    key: "caoxianEcommerce",
    by: "caoxian.staff",
    raw: {
      title: "曹县电商直播产业高质量发展扶持办法",
      docNumber: "曹政办发〔2025〕7号",
      issuedOn: "2025-03-28",
      level: "county",
      summary: `${DEMO_LABEL}：县级配套政策，支持淘宝村镇、直播电商基地和电商人才培训。`,
    },
  },
];

// ── The Ten Actions ──────────────────────────────────────────────────────────

export interface ActionSeed {
  number: number;
  titleZh: string;
  titleEn: string;
  /** Who registers it: the lead department's staff. */
  by: string;
  /** Named by the domain notes; the others are demo. */
  named: boolean;
  description: string;
  participating: string[];
  targets: Array<[measure: string, value: string]>;
}

export const ACTIONS: ActionSeed[] = [
  {
    number: 1,
    titleZh: "消费品以旧换新行动",
    titleEn: "Consumer goods trade-in",
    by: "staff",
    named: true,
    description: "家电、手机等数码产品、家装厨卫以旧换新，回收、补贴、销售一体推进。",
    participating: ["finance", "ndrc", "market"],
    targets: [["packages", "90"], ["events", "50"], ["eventSalesFen", yuan(400_000_000)]],
  },
  {
    number: 2,
    titleZh: "汽车消费提振行动",
    titleEn: "Car consumption",
    by: "staff",
    named: false,
    description: "汽车以旧换新、新能源汽车下乡、车展和加油优惠。",
    participating: ["finance", "ndrc", "market"],
    targets: [["packages", "50"], ["events", "40"], ["largeEvents", "8"], ["eventSalesFen", yuan(1_200_000_000)]],
  },
  {
    number: 3,
    titleZh: "文旅消费提质行动",
    titleEn: "Cultural tourism consumption",
    by: "tourism.staff",
    named: true,
    description: "文旅惠民消费季、景区优惠、夜游夜市与节会活动。",
    participating: ["commerce", "finance", "market"],
    targets: [["packages", "40"], ["events", "80"], ["eventFootfall", "3000000"]],
  },
  {
    number: 4,
    titleZh: "养老服务消费扩容行动",
    titleEn: "Elderly services consumption",
    by: "civil.staff",
    named: true,
    description: "养老机构入住优惠、居家适老化改造、银发助餐和老年用品展销。",
    participating: ["commerce", "finance", "market"],
    targets: [["packages", "20"], ["events", "20"]],
  },
  {
    number: 5,
    titleZh: "餐饮消费繁荣行动",
    titleEn: "Catering consumption",
    by: "staff",
    named: false,
    description: "餐饮消费季、美食节、老字号和特色街区。",
    participating: ["tourism", "market"],
    targets: [["packages", "40"], ["events", "50"], ["eventSalesFen", yuan(200_000_000)]],
  },
  {
    number: 6,
    titleZh: "“惠享菏泽”消费券惠民行动",
    titleEn: "Huixiang Heze consumption vouchers",
    by: "staff",
    named: false,
    description: "市县财政资金发放餐饮、零售消费券，按批次核销统计拉动消费。",
    participating: ["finance", "market"],
    targets: [["voucherSubsidyFen", yuan(3_000_000)], ["stimulatedSpendingFen", yuan(215_000_000)], ["packages", "25"], ["merchants", "1500"]],
  },
  {
    number: 7,
    titleZh: "电商直播新业态培育行动",
    titleEn: "E-commerce and livestream commerce",
    by: "staff",
    named: false,
    description: "淘宝村镇、直播电商基地、电商示范项目，推动县域特色产品网上销售。",
    participating: ["ndrc", "market"],
    targets: [["carriers", "45"], ["carrierSalesFen", yuan(6_000_000_000)], ["events", "40"]],
  },
  {
    number: 8,
    titleZh: "县域商业提升行动",
    titleEn: "County commerce upgrading",
    by: "staff",
    named: false,
    description: "乡镇商超、商业街区、农村集市和县域商户让利促销。",
    participating: ["finance", "ndrc"],
    targets: [["packages", "20"], ["events", "40"], ["merchants", "3000"]],
  },
  {
    number: 9,
    titleZh: "四季促消费活动行动",
    titleEn: "Seasonal consumption festivals",
    by: "staff",
    named: false,
    description: "春节、牡丹花会、夏日、金秋和年终大型促消费活动，如龙都夏日消费嘉年华。",
    participating: ["tourism", "finance", "market"],
    targets: [["events", "60"], ["largeEvents", "40"], ["eventFootfall", "12000000"]],
  },
  {
    number: 10,
    titleZh: "放心消费环境建设行动",
    titleEn: "Consumer confidence and finance",
    by: "staff",
    named: false,
    description: "金融机构消费分期和信用卡优惠、放心消费承诺、投诉快速处理。",
    participating: ["market", "finance"],
    targets: [["packages", "10"], ["events", "12"]],
  },
];

export function actionDescription(a: ActionSeed): string {
  return a.named ? `${a.description}（${DEMO_LABEL}：目标和分工为示例）` : `${DEMO_LABEL}：十大行动全文未公开，此行动为示例。${a.description}`;
}

// ── Packages ─────────────────────────────────────────────────────────────────

const NAME_HEADS = ["鑫", "华", "恒", "惠", "利", "和", "顺", "宏", "嘉", "盛", "瑞", "福", "康", "润", "信"];
const NAME_TAILS = ["源", "达", "泰", "通", "丰", "隆", "兴", "安", "邦", "诚", "远", "昌", "茂", "德", "祥"];

/** An invented enterprise name of the place: 曹县鑫源汽车销售服务有限公司. */
export function enterprise(rng: Rng, place: string, trade: string): string {
  return `${place}${rng.pick(NAME_HEADS)}${rng.pick(NAME_TAILS)}${trade}`;
}

export interface PackageTemplate {
  sector: string;
  name: (place: string) => string;
  terms: (rng: Rng) => string;
  partners: (rng: Rng, place: string) => string;
  /** Budget range in whole yuan. */
  budget: [number, number];
  /** The campaign windows it may run in (all when absent). */
  windows?: PackageWindow[];
}

const two = (rng: Rng, place: string, a: string, b: string) => `${enterprise(rng, place, a)}、${enterprise(rng, place, b)}`;

/** Package templates by action number; slots are filled round-robin, so the first ones weigh most. */
export const PACKAGE_TEMPLATES: Record<number, PackageTemplate[]> = {
  1: [
    {
      sector: "appliances",
      name: (p) => `${p}家电以旧换新补贴`,
      terms: (r) => `购买一级能效家电按售价${r.pick([15, 20])}%补贴，单件最高${r.pick([1500, 2000])}元；旧机上门回收折价最高${r.pick([200, 300, 500])}元`,
      partners: (r, p) => two(r, p, "家电有限公司", "电器商城"),
      budget: [300_000, 3_000_000],
    },
    {
      sector: "telecom",
      name: (p) => `${p}手机数码焕新补贴`,
      terms: (r) => `手机、平板、智能手表（手环）按售价15%补贴，单件最高500元；以旧换新另享满${r.pick([2000, 3000])}减${r.pick([100, 200])}`,
      partners: (r, p) => two(r, p, "通讯器材有限公司", "数码广场"),
      budget: [100_000, 1_200_000],
    },
    {
      sector: "appliances",
      name: (p) => `${p}绿色智能家电焕新季`,
      terms: (r) => `指定智能家电满${r.pick([3000, 5000])}减${r.pick([300, 500])}，以旧换新再补${r.pick([100, 200])}元`,
      partners: (r, p) => enterprise(r, p, "家电连锁有限公司"),
      budget: [100_000, 1_500_000],
    },
    {
      sector: "other",
      name: (p) => `${p}家装厨卫焕新行动`,
      terms: (r) => `旧房装修、厨卫改造、适老化改造产品按售价${r.pick([15, 20])}%补贴，单件最高${r.pick([2000, 3000])}元`,
      partners: (r, p) => two(r, p, "家居建材有限公司", "装饰工程有限公司"),
      budget: [200_000, 2_000_000],
    },
  ],
  2: [
    {
      sector: "auto",
      name: (p) => `${p}汽车以旧换新补贴`,
      terms: (r) => `报废旧车并购买新能源乘用车补贴${r.pick([15000, 20000])}元/台，购买燃油乘用车补贴${r.pick([10000, 15000])}元/台；置换更新最高${r.pick([8000, 15000])}元`,
      partners: (r, p) => two(r, p, "汽车销售服务有限公司", "汽贸城"),
      budget: [1_000_000, 8_000_000],
    },
    {
      sector: "auto",
      name: (p) => `${p}新能源汽车下乡惠民季`,
      terms: (r) => `新能源汽车购车满10万元减${r.pick([2000, 3000, 5000])}元，家用充电桩免费安装，首年保险${r.pick([8, 9])}折`,
      partners: (r, p) => two(r, p, "新能源汽车销售有限公司", "汽车服务有限公司"),
      budget: [500_000, 3_000_000],
    },
    {
      sector: "petroleum",
      name: (p) => `${p}加油满减惠民活动`,
      terms: (r) => `加油满${r.pick([200, 300])}减${r.pick([15, 20, 30])}，每人每日限1次`,
      partners: (r, p) => enterprise(r, p, "石油销售有限公司"),
      budget: [50_000, 500_000],
    },
  ],
  3: [
    {
      sector: "culture_tourism",
      name: (p) => `${p}文旅惠民消费季`,
      terms: (r) => `A级景区门票${r.pick([5, 6, 8])}折，景区内消费满${r.pick([100, 200])}减${r.pick([20, 30])}`,
      partners: (r, p) => two(r, p, "旅游开发有限公司", "文化传媒有限公司"),
      budget: [100_000, 1_000_000],
    },
    {
      sector: "culture_tourism",
      name: (p) => `${p}夜游夜市联票优惠`,
      terms: (r) => `夜游项目与餐饮联票立减${r.pick([20, 30, 50])}元，非遗展演免费观看`,
      partners: (r, p) => enterprise(r, p, "文旅运营有限公司"),
      budget: [50_000, 600_000],
      windows: ["mayToJune", "summer", "autumn"],
    },
    {
      sector: "culture_tourism",
      name: (p) => `${p}牡丹赏花游惠民套餐`,
      terms: (r) => `赏花游套餐（门票+餐饮+文创）满${r.pick([199, 299])}减${r.pick([40, 60])}，团队游客另享${r.pick([9, 9.5])}折`,
      partners: (r, p) => two(r, p, "旅行社有限公司", "酒店管理有限公司"),
      budget: [80_000, 800_000],
      windows: ["peony"],
    },
  ],
  4: [
    {
      sector: "elderly_care",
      name: (p) => `${p}养老机构入住优惠`,
      terms: (r) => `新入住养老机构首月床位费减免${r.pick([300, 500, 800])}元，护理服务${r.pick([8, 9])}折`,
      partners: (r, p) => enterprise(r, p, "养老服务中心"),
      budget: [50_000, 400_000],
      windows: ["wholeYear", "firstHalf", "autumn"],
    },
    {
      sector: "elderly_care",
      name: (p) => `${p}居家适老化改造补贴`,
      terms: (r) => `居家适老化改造按费用${r.pick([30, 40])}%补贴，每户最高${r.pick([2000, 3000])}元`,
      partners: (r, p) => enterprise(r, p, "康养科技有限公司"),
      budget: [100_000, 600_000],
    },
    {
      sector: "elderly_care",
      name: (p) => `${p}银发助餐优惠`,
      terms: (r) => `60周岁以上老人在助餐点就餐每餐补贴${r.pick([2, 3, 5])}元`,
      partners: (r, p) => enterprise(r, p, "社区餐饮服务有限公司"),
      budget: [30_000, 300_000],
      windows: ["wholeYear", "firstHalf"],
    },
  ],
  5: [
    {
      sector: "catering",
      name: (p) => `${p}“惠享菏泽”餐饮消费季`,
      terms: (r) => `堂食满${r.pick([100, 150, 200])}减${r.pick([20, 30, 40])}，团购套餐立减${r.pick([20, 30])}元`,
      partners: (r, p) => two(r, p, "餐饮管理有限公司", "酒店有限公司"),
      budget: [30_000, 400_000],
    },
    {
      sector: "catering",
      name: (p) => `${p}特色美食街区促销`,
      terms: (r) => `街区商户满${r.pick([50, 80, 100])}减${r.pick([10, 15])}，老字号套餐${r.pick([8, 8.8])}折`,
      partners: (r, p) => enterprise(r, p, "商业街区运营管理有限公司"),
      budget: [20_000, 300_000],
    },
    {
      sector: "grain_food",
      name: (p) => `${p}年货节粮油食品促销`,
      terms: (r) => `粮油副食满${r.pick([150, 200])}减${r.pick([20, 30])}，会员日${r.pick([9, 9.5])}折`,
      partners: (r, p) => two(r, p, "超市有限公司", "食品有限公司"),
      budget: [30_000, 300_000],
      windows: ["springFestival", "yearEnd"],
    },
  ],
  6: [
    {
      sector: "catering",
      name: (p) => `${p}“惠享菏泽”餐饮消费券`,
      terms: (r) => `经云闪付、微信支付分批发放，满${r.pick([100, 200])}减${r.pick([20, 50])}，限本地参与商户使用`,
      partners: () => "云闪付、微信支付；参与餐饮商户",
      budget: [100_000, 600_000],
    },
    {
      sector: "grain_food",
      name: (p) => `${p}“惠享菏泽”零售消费券`,
      terms: (r) => `满${r.pick([100, 200, 300])}减${r.pick([20, 40, 60])}，商超、便利店通用`,
      partners: () => "云闪付、支付宝；参与零售商户",
      budget: [100_000, 600_000],
    },
    {
      sector: "apparel",
      name: (p) => `${p}服装鞋帽消费券`,
      terms: (r) => `满${r.pick([300, 500])}减${r.pick([50, 100])}，指定商场和品牌门店使用`,
      partners: (r, p) => enterprise(r, p, "购物中心有限公司"),
      budget: [50_000, 300_000],
    },
  ],
  7: [
    {
      sector: "apparel",
      name: (p) => `${p}直播电商节汉服专场`,
      terms: (r) => `直播间下单满${r.pick([199, 299])}减${r.pick([30, 50])}，全场包邮`,
      partners: (r, p) => enterprise(r, p, "电子商务有限公司"),
      budget: [50_000, 500_000],
    },
    {
      sector: "grain_food",
      name: (p) => `${p}农特产品网上年货节`,
      terms: (r) => `平台店铺满${r.pick([59, 99])}减${r.pick([10, 15])}，县域好物专区包邮`,
      partners: (r, p) => two(r, p, "电子商务有限公司", "农产品专业合作社"),
      budget: [30_000, 300_000],
      windows: ["springFestival", "yearEnd"],
    },
    {
      sector: "other",
      name: (p) => `${p}木制品家居网销促销`,
      terms: (r) => `电商平台旗舰店满${r.pick([500, 1000])}减${r.pick([50, 120])}，以旧换新另补${r.pick([100, 200])}元`,
      partners: (r, p) => enterprise(r, p, "木业电子商务有限公司"),
      budget: [50_000, 400_000],
    },
  ],
  8: [
    {
      sector: "grain_food",
      name: (p) => `${p}乡镇商超惠民让利`,
      terms: (r) => `商超满${r.pick([100, 150])}减${r.pick([10, 15])}，每周三会员日${r.pick([9, 9.5])}折`,
      partners: (r, p) => two(r, p, "商贸有限公司", "连锁超市有限公司"),
      budget: [20_000, 200_000],
    },
    {
      sector: "apparel",
      name: (p) => `${p}商业街服装鞋帽换季促销`,
      terms: (r) => `换季服装鞋帽满${r.pick([200, 300])}减${r.pick([30, 50])}`,
      partners: (r, p) => enterprise(r, p, "商业管理有限公司"),
      budget: [20_000, 200_000],
      windows: ["spring", "mayToJune", "autumn", "yearEnd"],
    },
  ],
  10: [
    {
      sector: "other",
      name: (p) => `${p}消费分期免息优惠`,
      terms: (r) => `汽车、家电、家装消费分期${r.pick([6, 12, 24])}期免息，刷卡满${r.pick([1000, 2000])}减${r.pick([50, 100])}`,
      partners: (r, p) => `${enterprise(r, p, "农村商业银行")}及合作商户`,
      budget: [200_000, 2_000_000],
    },
  ],
};

/** How many approved packages each action gets: 327 in all. */
export const PACKAGES_PER_ACTION: Record<number, number> = { 1: 96, 2: 52, 3: 38, 4: 18, 5: 44, 6: 26, 7: 22, 8: 21, 10: 10 };

/** Package periods: campaign windows of 2025, weighted towards the first half. */
export const PACKAGE_WINDOWS = {
  springFestival: { from: "2025-01-10", to: "2025-02-28", weight: 18 },
  spring: { from: "2025-02-01", to: "2025-04-30", weight: 12 },
  firstHalf: { from: "2025-03-01", to: "2025-06-30", weight: 16 },
  peony: { from: "2025-04-01", to: "2025-05-10", weight: 8 }, // 牡丹花会
  mayToJune: { from: "2025-04-25", to: "2025-06-30", weight: 12 }, // 五一 至 618
  wholeYear: { from: "2025-01-01", to: "2025-12-31", weight: 14 },
  summer: { from: "2025-07-01", to: "2025-08-31", weight: 8 },
  autumn: { from: "2025-09-01", to: "2025-10-31", weight: 7 },
  yearEnd: { from: "2025-11-01", to: "2025-12-31", weight: 5 },
} as const;
export type PackageWindow = keyof typeof PACKAGE_WINDOWS;

// ── Events ───────────────────────────────────────────────────────────────────

export interface EventTheme {
  name: string;
  venue: "square" | "mall" | "street" | "hall" | "scenic" | "community" | "online";
}

export const EVENT_THEMES: Record<number, EventTheme[]> = {
  1: [
    { name: "家电以旧换新专场", venue: "mall" },
    { name: "数码焕新节", venue: "mall" },
    { name: "家装家居博览会", venue: "hall" },
  ],
  2: [
    { name: "汽车展销会", venue: "hall" },
    { name: "新能源汽车下乡巡展", venue: "square" },
    { name: "汽车以旧换新集中签约日", venue: "hall" },
  ],
  3: [
    { name: "文旅惠民消费季", venue: "scenic" },
    { name: "非遗展演和夜游会", venue: "street" },
    { name: "乡村旅游节", venue: "scenic" },
    { name: "戏曲惠民演出周", venue: "square" },
  ],
  4: [
    { name: "老年用品展销会", venue: "community" },
    { name: "银发助餐开放日", venue: "community" },
  ],
  5: [
    { name: "美食节", venue: "street" },
    { name: "烧烤啤酒节", venue: "square" },
    { name: "老字号餐饮推介会", venue: "street" },
  ],
  6: [
    { name: "消费券发放启动仪式", venue: "mall" },
    { name: "消费券商户集中核销周", venue: "mall" },
  ],
  7: [
    { name: "直播电商节", venue: "online" },
    { name: "县域好物直播带货大赛", venue: "online" },
    { name: "电商人才培训暨直播专场", venue: "online" },
  ],
  8: [
    { name: "乡村大集", venue: "square" },
    { name: "商业街区促销月", venue: "street" },
    { name: "黄河大集", venue: "square" },
  ],
  9: [
    { name: "消费嘉年华", venue: "square" },
    { name: "购物节", venue: "mall" },
    { name: "夜间消费节", venue: "street" },
  ],
  10: [
    { name: "放心消费宣传周", venue: "square" },
    { name: "金融惠民消费节", venue: "mall" },
  ],
};

/** How many approved events each action gets (398 in all) and how many of them are large. */
export const EVENTS_PER_ACTION: Record<number, { count: number; large: number }> = {
  1: { count: 50, large: 4 },
  2: { count: 40, large: 8 },
  3: { count: 70, large: 8 },
  4: { count: 16, large: 0 },
  5: { count: 52, large: 2 },
  6: { count: 20, large: 0 },
  7: { count: 38, large: 2 },
  8: { count: 42, large: 0 },
  9: { count: 60, large: 36 },
  10: { count: 10, large: 0 },
};

/** The one event the domain notes name, held at city level. */
export const LONGDU_CARNIVAL = {
  name: "龙都夏日消费嘉年华",
  venue: "龙都小镇",
  startsOn: "2025-07-04",
  endsOn: "2025-08-31",
  footfall: "386000",
  sales: yuan(42_600_000),
  note: `夏日大型促消费活动，夜市、演艺、汽车和家电展销同场；${DEMO_LABEL}`,
};

/** Weights of the month an event starts in: about two thirds in the first half. */
export const EVENT_MONTH_WEIGHTS = [12, 10, 8, 12, 12, 12, 7, 6, 6, 8, 4, 3];

const SEASON = ["新春", "新春", "春季", "牡丹花会", "春季", "夏季", "夏日", "夏日", "金秋", "金秋", "冬季", "年终"];
export const seasonOf = (month: number) => SEASON[month]!;

export function venueOf(rng: Rng, place: string, kind: EventTheme["venue"]): string {
  switch (kind) {
    case "square":
      return `${place}${rng.pick(["人民广场", "文化广场", "城市广场", "体育中心广场"])}`;
    case "mall":
      return `${place}${rng.pick(["购物中心", "百货大楼", "商业广场", "家电城"])}`;
    case "street":
      return `${place}${rng.pick(["商业步行街", "美食街", "古城文化街区", "夜市街区"])}`;
    case "hall":
      return `${place}${rng.pick(["会展中心", "体育馆", "汽车商贸城"])}`;
    case "scenic":
      return `${place}${rng.pick(["牡丹园", "湿地公园", "文化旅游区", "古镇景区"])}`;
    case "community":
      return `${place}${rng.pick(["社区综合服务中心", "老年活动中心", "颐养中心"])}`;
    case "online":
      return `${place}${rng.pick(["直播电商产业园", "电商服务中心", "直播基地"])}及线上平台`;
  }
}

// ── E-commerce carriers ──────────────────────────────────────────────────────

const TOWN_HEADS = ["大", "青", "古", "安", "新", "梁", "孙", "韩", "苏", "邵", "常", "普", "闫", "侯", "庄"];
const TOWN_TAILS = ["集", "庄", "店", "营", "堌", "楼", "寺", "桥", "寨", "屯"];
const VILLAGE_HEADS = ["张", "王", "李", "刘", "丁", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林"];
const VILLAGE_TAILS = ["楼", "庄", "集", "寨", "营", "屯", "店", "园", "湾", "岗"];

/** An invented town name: 青堌镇. */
export const townName = (rng: Rng) => `${rng.pick(TOWN_HEADS)}${rng.pick(TOWN_TAILS)}镇`;
/** An invented village name: 丁楼村. */
export const villageName = (rng: Rng) => `${rng.pick(VILLAGE_HEADS)}${rng.pick(VILLAGE_TAILS)}村`;

/** Carriers per county slug ("city" for the city): villages, towns, livestream bases, demonstration projects. */
export const CARRIERS_PER_PLACE: Record<string, { villages: number; towns: number; bases: number; projects: number }> = {
  city: { villages: 0, towns: 0, bases: 1, projects: 2 },
  caoxian: { villages: 10, towns: 4, bases: 2, projects: 1 },
  mudan: { villages: 1, towns: 0, bases: 1, projects: 0 },
  dingtao: { villages: 2, towns: 1, bases: 0, projects: 0 },
  shanxian: { villages: 2, towns: 1, bases: 1, projects: 0 },
  chengwu: { villages: 2, towns: 1, bases: 0, projects: 0 },
  juye: { villages: 2, towns: 1, bases: 1, projects: 0 },
  yuncheng: { villages: 2, towns: 1, bases: 1, projects: 1 },
  juancheng: { villages: 2, towns: 1, bases: 1, projects: 1 },
  dongming: { villages: 1, towns: 0, bases: 1, projects: 0 },
};

/** Products a county's e-commerce is known for in the demo. */
export const SPECIALTIES: Record<string, string> = {
  caoxian: "汉服演出服",
  mudan: "牡丹文创",
  dingtao: "木制家具",
  shanxian: "羊肉食品",
  chengwu: "户外用品",
  juye: "农民画工艺品",
  yuncheng: "机械配件",
  juancheng: "发制品",
  dongming: "粮油食品",
  city: "牡丹特产",
};
