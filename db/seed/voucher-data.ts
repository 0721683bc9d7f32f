// The demo voucher programme of a Heze-like city: the campaigns and batches staff register, the
// merchants that take part, and how the channels' statements are to come out. The figures are
// chosen so that the rows, once imported, add up to the published story (domain notes):
// 2.83 million yuan of subsidy, over 215 million yuan of stimulated spending, 1 : 76.
// Nothing here is a total: the seed generates orders and the import path computes the figures.

/** A batch as staff register it, and what its statements will hold. */
export interface BatchPlan {
  code: string;
  channel: "wechat" | "alipay";
  /** 满 threshold 减 face, in yuan. */
  face: number;
  threshold: number;
  issued: number;
  claimed: number;
  /** Voucher orders that stay redeemed (refunded ones come on top and net out). */
  redeemed: number;
  /** The mean order amount of those, in yuan: the batch's stimulated spending is redeemed × mean. */
  meanOrderYuan: number;
  /** Order amounts are whole multiples of this many fen (cars are priced in hundreds of yuan). */
  granularityFen: number;
  validFrom: string;
  validTo: string;
  /** Orders without a voucher among the merchants' sales in the same statements. */
  nonVoucherShare: number;
}

export interface CampaignPlan {
  code: string;
  name: string;
  /** Who registers it (and imports its statements), and who approves. */
  by: string;
  approver: string;
  sector: string;
  funds: { city: number; county: number; cofund: number; cap: number };
  startsOn: string;
  endsOn: string;
  /** Merchants taking part: how many, named by `names`, in which counties (slug → weight). */
  merchants: { count: number; counties: Record<string, number> };
  batches: BatchPlan[];
  note: string;
  /**
   * Data for the incremental estimate (db/seed/effects.ts): the merchants' sales in the days
   * before the vouchers — non-voucher orders in each batch's first statement, at the level the
   * planted effect implies — and a comparison group of non-participating merchants of the
   * sector, uploaded as a baseline file. The answer is known: extra spending of
   * `incrementalPerYuan` per yuan of subsidy, over a common trend of `trendPercent`.
   */
  effect?: { daysBefore: number; incrementalPerYuan: number; trendPercent: number; comparisonMerchants: number; comparisonGroup: string };
}

const ALL_COUNTIES = { mudan: 3, dingtao: 1.2, caoxian: 1.6, shanxian: 1.3, chengwu: 0.9, juye: 1.1, yuncheng: 1.3, juancheng: 0.9, dongming: 0.9 };

export const VOUCHER_CAMPAIGNS: CampaignPlan[] = [
  {
    code: "HZ2025-CATER",
    name: "惠享菏泽·春节餐饮消费券",
    by: "staff",
    approver: "manager",
    sector: "catering",
    funds: { city: 600_000, county: 0, cofund: 0, cap: 600_000 },
    startsOn: "2025-01-20",
    endsOn: "2025-03-31",
    merchants: { count: 160, counties: ALL_COUNTIES },
    note: "春节期间面向全市餐饮商户，微信、支付宝两个渠道分批发放。",
    effect: { daysBefore: 28, incrementalPerYuan: 1.5, trendPercent: 4, comparisonMerchants: 40, comparisonGroup: "未参与活动的餐饮商户" },
    batches: [
      { code: "HZ25-CATER-W1", channel: "wechat", face: 20, threshold: 100, issued: 20_000, claimed: 18_600, redeemed: 14_000, meanOrderYuan: 128, granularityFen: 1, validFrom: "2025-01-25", validTo: "2025-02-28", nonVoucherShare: 0.35 },
      { code: "HZ25-CATER-A1", channel: "alipay", face: 50, threshold: 200, issued: 6_000, claimed: 5_500, redeemed: 4_400, meanOrderYuan: 290, granularityFen: 1, validFrom: "2025-01-25", validTo: "2025-03-15", nonVoucherShare: 0.35 },
    ],
  },
  {
    code: "HZ2025-RETAIL",
    name: "惠享菏泽·商超零售消费券",
    by: "staff",
    approver: "manager",
    sector: "grain_food",
    funds: { city: 300_000, county: 0, cofund: 0, cap: 300_000 },
    startsOn: "2025-04-01",
    endsOn: "2025-05-31",
    merchants: { count: 50, counties: ALL_COUNTIES },
    note: "春季商超零售消费券，限定参与活动的超市、便利店使用。",
    effect: { daysBefore: 28, incrementalPerYuan: 1.5, trendPercent: 2, comparisonMerchants: 24, comparisonGroup: "未参与活动的超市、便利店" },
    batches: [
      { code: "HZ25-RETAIL-W1", channel: "wechat", face: 30, threshold: 200, issued: 10_000, claimed: 9_200, redeemed: 8_000, meanOrderYuan: 260, granularityFen: 1, validFrom: "2025-04-01", validTo: "2025-05-31", nonVoucherShare: 0.5 },
    ],
  },
  {
    code: "HZ2025-HOME",
    name: "家电焕新消费券（以旧换新配套）",
    by: "staff",
    approver: "manager",
    sector: "appliances",
    funds: { city: 600_000, county: 0, cofund: 300_000, cap: 900_000 },
    startsOn: "2025-03-01",
    endsOn: "2025-06-30",
    merchants: { count: 45, counties: ALL_COUNTIES },
    note: "与家电以旧换新补贴叠加使用，企业配套资金三十万元。",
    batches: [
      { code: "HZ25-HOME-W1", channel: "wechat", face: 200, threshold: 2_000, issued: 3_000, claimed: 2_900, redeemed: 2_600, meanOrderYuan: 6_500, granularityFen: 100, validFrom: "2025-03-01", validTo: "2025-06-30", nonVoucherShare: 0.2 },
      { code: "HZ25-HOME-A1", channel: "alipay", face: 500, threshold: 5_000, issued: 600, claimed: 580, redeemed: 520, meanOrderYuan: 12_000, granularityFen: 100, validFrom: "2025-03-01", validTo: "2025-06-30", nonVoucherShare: 0.2 },
    ],
  },
  {
    code: "HZ2025-AUTO",
    name: "汽车消费券（燃油车、新能源车）",
    by: "staff",
    approver: "manager",
    sector: "auto",
    funds: { city: 1_000_000, county: 0, cofund: 200_000, cap: 1_200_000 },
    startsOn: "2025-03-01",
    endsOn: "2025-06-30",
    merchants: { count: 30, counties: ALL_COUNTIES },
    note: "在本市登记的 4S 店购车使用，按车价分两档；汽车经销商配套资金二十万元。",
    batches: [
      { code: "HZ25-AUTO-W1", channel: "wechat", face: 1_000, threshold: 50_000, issued: 700, claimed: 680, redeemed: 620, meanOrderYuan: 181_000, granularityFen: 10_000, validFrom: "2025-03-01", validTo: "2025-06-30", nonVoucherShare: 0.1 },
      { code: "HZ25-AUTO-A1", channel: "alipay", face: 2_000, threshold: 100_000, issued: 300, claimed: 290, redeemed: 270, meanOrderYuan: 271_000, granularityFen: 10_000, validFrom: "2025-03-01", validTo: "2025-06-30", nonVoucherShare: 0.1 },
    ],
  },
  {
    code: "CX2025-TOUR",
    name: "曹县文旅消费券",
    by: "caoxian.staff",
    approver: "caoxian.manager",
    sector: "culture_tourism",
    funds: { city: 0, county: 200_000, cofund: 0, cap: 200_000 },
    startsOn: "2025-04-01",
    endsOn: "2025-06-30",
    merchants: { count: 25, counties: { caoxian: 1 } },
    note: "县级财政资金，用于景区门票、民宿和文创消费。",
    batches: [
      { code: "CX25-TOUR-W1", channel: "wechat", face: 50, threshold: 300, issued: 4_000, claimed: 3_600, redeemed: 3_000, meanOrderYuan: 520, granularityFen: 100, validFrom: "2025-04-01", validTo: "2025-06-30", nonVoucherShare: 0.3 },
    ],
  },
];

/** Merchant names by sector: `{county}` is replaced by the county's short name. */
export const MERCHANT_NAMES: Record<string, { stems: string[]; kinds: string[] }> = {
  catering: {
    stems: ["老单县羊肉汤", "曹州烧饼", "牡丹园酒家", "鲁西南大酒店", "水浒人家", "伊尹厨房", "好客山东菜馆", "庄子故里农家菜", "黄河鲤鱼馆", "老菏泽烩面", "蓝天火锅", "郓城包子铺", "巨野地锅鸡", "定陶烤鸭", "东明羊肉馆", "花城小厨"],
    kinds: ["（{county}店）", "（{county}二店）", "（{county}万达店）", "（{county}中华路店）"],
  },
  grain_food: {
    stems: ["银座超市", "家家悦超市", "佳和购物广场", "贵和购物中心", "华润万家", "惠客隆便利", "大润发", "百货大楼超市", "万家福便利店", "利客来超市"],
    kinds: ["（{county}店）", "（{county}东城店）", "（{county}人民路店）"],
  },
  appliances: {
    stems: ["苏宁易购", "国美电器", "海尔智家专卖店", "格力电器专卖店", "美的旗舰店", "海信电器专卖店", "小米之家", "老板电器专卖店", "方太厨电体验店"],
    kinds: ["（{county}店）", "（{county}家电城店）"],
  },
  auto: {
    stems: ["比亚迪汽车销售服务有限公司", "吉利汽车4S店", "长安汽车销售服务有限公司", "一汽-大众4S店", "广汽丰田4S店", "东风本田4S店", "奇瑞汽车销售服务有限公司", "上汽五菱4S店", "理想汽车零售中心", "问界汽车用户中心"],
    kinds: ["{county}", "{county}鑫源", "{county}通达"],
  },
  culture_tourism: {
    stems: ["庄子文化园", "汉服文化体验馆", "古城民宿", "博物馆文创店", "桃花源景区", "湿地公园游船", "非遗木雕工坊", "乡村研学基地", "温泉度假村", "曹州戏院"],
    kinds: ["{county}", "{county}东", "{county}西"],
  },
};
