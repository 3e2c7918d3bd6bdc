import type { BoundingBox } from './geo.ts';

/**
 * Real places of the demo network: the provinces of the service plans (Sichuan, Chongqing,
 * Guizhou) and the Beijing region, with the prefecture-level cities and the counties and districts
 * around them. Coordinates are the seats of the district or county governments, to about a
 * kilometre. Sites are scattered around these seats, so every site lies in a real county.
 */

export type ProvinceName = 'Sichuan' | 'Chongqing' | 'Guizhou' | 'Beijing' | 'Tianjin' | 'Hebei';

export interface Province {
  name: ProvinceName;
  nameZh: string;
  /** Municipalities (Beijing, Chongqing, Tianjin) are a province and a city at once. */
  municipality: boolean;
  regionId: string;
  /** A generous rectangle around the province's territory, for sanity checks. */
  box: BoundingBox;
}

const box = (minLat: number, maxLat: number, minLon: number, maxLon: number): BoundingBox => ({
  minLat,
  maxLat,
  minLon,
  maxLon,
});

// prettier-ignore
export const PROVINCES: Readonly<Record<ProvinceName, Province>> = {
  Sichuan: { name: 'Sichuan', nameZh: '四川省', municipality: false, regionId: 'R-SC', box: box(26.0, 34.4, 97.3, 108.6) },
  Chongqing: { name: 'Chongqing', nameZh: '重庆市', municipality: true, regionId: 'R-CQ', box: box(28.1, 32.3, 105.2, 110.2) },
  Guizhou: { name: 'Guizhou', nameZh: '贵州省', municipality: false, regionId: 'R-GZ', box: box(24.6, 29.3, 103.6, 109.6) },
  Beijing: { name: 'Beijing', nameZh: '北京市', municipality: true, regionId: 'R-BJ', box: box(39.4, 41.1, 115.4, 117.5) },
  Tianjin: { name: 'Tianjin', nameZh: '天津市', municipality: true, regionId: 'R-BJ', box: box(38.5, 40.3, 116.7, 118.1) },
  Hebei: { name: 'Hebei', nameZh: '河北省', municipality: false, regionId: 'R-BJ', box: box(36.0, 42.7, 113.4, 119.9) },
};

export interface RegionSeed {
  id: string;
  name: string;
  nameZh: string;
  /** Share of the network's customer sites in the region's provinces. */
  siteShare: number;
}

export const REGIONS: readonly RegionSeed[] = [
  { id: 'R-BJ', name: 'Beijing', nameZh: '北京大区', siteShare: 0.12 },
  { id: 'R-CQ', name: 'Chongqing', nameZh: '重庆大区', siteShare: 0.2 },
  { id: 'R-GZ', name: 'Guizhou', nameZh: '贵州大区', siteShare: 0.18 },
  { id: 'R-SC', name: 'Sichuan', nameZh: '四川大区', siteShare: 0.5 },
];

/** Beijing's six urban districts: the catalog's "beijing-urban" zone. */
// prettier-ignore
export const BEIJING_URBAN_DISTRICTS: readonly string[] = ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '石景山区'];

/** [English name, Chinese name, latitude, longitude]. */
type PlaceRow = readonly [string, string, number, number];

interface CityGroup {
  province: ProvinceName;
  city: string;
  cityZh: string;
  /** Relative density of customer sites around the city. */
  weight: number;
  /** The first `urban` places are the city's urban districts; the rest are counties around it. */
  urban: number;
  places: readonly PlaceRow[];
}

// prettier-ignore
export const CITY_GROUPS: readonly CityGroup[] = [
  { province: 'Sichuan', city: 'Chengdu', cityZh: '成都市', weight: 22, urban: 5, places: [
    ['Jinjiang District', '锦江区', 30.657, 104.066],
    ['Shuangliu District', '双流区', 30.574, 103.923],
    ['Xindu District', '新都区', 30.823, 104.159],
    ['Wenjiang District', '温江区', 30.682, 103.856],
    ['Longquanyi District', '龙泉驿区', 30.557, 104.275],
    ['Pidu District', '郫都区', 30.795, 103.887],
    ['Dujiangyan', '都江堰市', 30.988, 103.647],
    ['Pengzhou', '彭州市', 30.99, 103.958],
    ['Chongzhou', '崇州市', 30.63, 103.673],
    ['Qionglai', '邛崃市', 30.41, 103.464],
    ['Jianyang', '简阳市', 30.411, 104.547],
    ['Jintang County', '金堂县', 30.862, 104.412],
    ['Dayi County', '大邑县', 30.587, 103.521],
    ['Pujiang County', '蒲江县', 30.197, 103.506],
  ] },
  { province: 'Sichuan', city: 'Mianyang', cityZh: '绵阳市', weight: 7, urban: 1, places: [
    ['Fucheng District', '涪城区', 31.468, 104.679],
    ['Jiangyou', '江油市', 31.778, 104.745],
    ['Santai County', '三台县', 31.095, 105.095],
    ['Anzhou District', '安州区', 31.535, 104.567],
    ['Yanting County', '盐亭县', 31.208, 105.389],
    ['Zitong County', '梓潼县', 31.642, 105.17],
    ['Pingwu County', '平武县', 32.409, 104.529],
  ] },
  { province: 'Sichuan', city: 'Deyang', cityZh: '德阳市', weight: 4, urban: 1, places: [
    ['Jingyang District', '旌阳区', 31.127, 104.398],
    ['Guanghan', '广汉市', 30.977, 104.282],
    ['Shifang', '什邡市', 31.127, 104.168],
    ['Mianzhu', '绵竹市', 31.338, 104.22],
    ['Zhongjiang County', '中江县', 31.033, 104.678],
  ] },
  { province: 'Sichuan', city: 'Nanchong', cityZh: '南充市', weight: 7, urban: 1, places: [
    ['Shunqing District', '顺庆区', 30.796, 106.092],
    ['Langzhong', '阆中市', 31.558, 105.975],
    ['Nanbu County', '南部县', 31.353, 106.062],
    ['Yingshan County', '营山县', 31.077, 106.566],
    ["Peng'an County", '蓬安县', 31.029, 106.412],
    ['Xichong County', '西充县', 30.995, 105.9],
    ['Yilong County', '仪陇县', 31.271, 106.303],
  ] },
  { province: 'Sichuan', city: 'Leshan', cityZh: '乐山市', weight: 5, urban: 1, places: [
    ['Shizhong District', '市中区', 29.552, 103.766],
    ['Emeishan', '峨眉山市', 29.601, 103.485],
    ['Jiajiang County', '夹江县', 29.738, 103.572],
    ['Qianwei County', '犍为县', 29.209, 103.949],
    ['Jingyan County', '井研县', 29.652, 104.069],
    ['Muchuan County', '沐川县', 28.956, 103.902],
  ] },
  { province: 'Sichuan', city: 'Zigong', cityZh: '自贡市', weight: 4, urban: 1, places: [
    ['Ziliujing District', '自流井区', 29.339, 104.779],
    ['Fushun County', '富顺县', 29.181, 104.975],
    ['Rong County', '荣县', 29.445, 104.418],
  ] },
  { province: 'Sichuan', city: 'Luzhou', cityZh: '泸州市', weight: 6, urban: 1, places: [
    ['Jiangyang District', '江阳区', 28.872, 105.442],
    ['Hejiang County', '合江县', 28.811, 105.831],
    ['Lu County', '泸县', 29.151, 105.382],
    ['Xuyong County', '叙永县', 28.156, 105.445],
    ['Gulin County', '古蔺县', 28.039, 105.812],
  ] },
  { province: 'Sichuan', city: 'Yibin', cityZh: '宜宾市', weight: 7, urban: 1, places: [
    ['Cuiping District', '翠屏区', 28.772, 104.643],
    ['Nanxi District', '南溪区', 28.846, 104.969],
    ["Jiang'an County", '江安县', 28.724, 105.067],
    ['Changning County', '长宁县', 28.582, 104.921],
    ['Gao County', '高县', 28.436, 104.518],
    ['Gong County', '珙县', 28.438, 104.709],
    ['Junlian County', '筠连县', 28.163, 104.507],
    ['Xingwen County', '兴文县', 28.303, 105.237],
  ] },
  { province: 'Sichuan', city: 'Neijiang', cityZh: '内江市', weight: 3, urban: 1, places: [['Shizhong District', '市中区', 29.58, 105.058]] },
  { province: 'Sichuan', city: 'Suining', cityZh: '遂宁市', weight: 3, urban: 1, places: [['Chuanshan District', '船山区', 30.533, 105.593]] },
  { province: 'Sichuan', city: 'Guangyuan', cityZh: '广元市', weight: 2, urban: 1, places: [['Lizhou District', '利州区', 32.436, 105.844]] },
  { province: 'Sichuan', city: 'Dazhou', cityZh: '达州市', weight: 3, urban: 1, places: [['Tongchuan District', '通川区', 31.209, 107.468]] },
  { province: 'Sichuan', city: 'Bazhong', cityZh: '巴中市', weight: 2, urban: 1, places: [['Bazhou District', '巴州区', 31.867, 106.748]] },
  { province: 'Sichuan', city: "Guang'an", cityZh: '广安市', weight: 2, urban: 1, places: [["Guang'an District", '广安区', 30.456, 106.633]] },
  { province: 'Sichuan', city: 'Meishan', cityZh: '眉山市', weight: 3, urban: 1, places: [['Dongpo District', '东坡区', 30.076, 103.848]] },
  { province: 'Sichuan', city: "Ya'an", cityZh: '雅安市', weight: 2, urban: 1, places: [['Yucheng District', '雨城区', 29.98, 103.013]] },
  { province: 'Sichuan', city: 'Ziyang', cityZh: '资阳市', weight: 2, urban: 1, places: [['Yanjiang District', '雁江区', 30.129, 104.628]] },
  { province: 'Sichuan', city: 'Panzhihua', cityZh: '攀枝花市', weight: 2, urban: 1, places: [['Dong District', '东区', 26.582, 101.719]] },
  { province: 'Sichuan', city: 'Liangshan', cityZh: '凉山彝族自治州', weight: 2, urban: 1, places: [['Xichang', '西昌市', 27.894, 102.264]] },
  { province: 'Chongqing', city: 'Chongqing', cityZh: '重庆市', weight: 16, urban: 8, places: [
    ['Yuzhong District', '渝中区', 29.557, 106.577],
    ['Jiangbei District', '江北区', 29.606, 106.574],
    ['Shapingba District', '沙坪坝区', 29.541, 106.457],
    ['Jiulongpo District', '九龙坡区', 29.502, 106.511],
    ["Nan'an District", '南岸区', 29.523, 106.563],
    ['Beibei District', '北碚区', 29.826, 106.396],
    ['Yubei District', '渝北区', 29.718, 106.631],
    ['Banan District', '巴南区', 29.402, 106.54],
    ['Fuling District', '涪陵区', 29.703, 107.389],
    ['Hechuan District', '合川区', 29.972, 106.276],
    ['Yongchuan District', '永川区', 29.356, 105.927],
    ['Jiangjin District', '江津区', 29.29, 106.259],
    ['Qijiang District', '綦江区', 29.028, 106.651],
    ['Dazu District', '大足区', 29.707, 105.722],
    ['Tongliang District', '铜梁区', 29.845, 106.056],
    ['Changshou District', '长寿区', 29.858, 107.082],
    ['Bishan District', '璧山区', 29.592, 106.227],
    ['Rongchang District', '荣昌区', 29.405, 105.594],
    ['Nanchuan District', '南川区', 29.158, 107.099],
    ['Dianjiang County', '垫江县', 30.327, 107.333],
    ['Fengdu County', '丰都县', 29.864, 107.731],
    ['Wulong District', '武隆区', 29.325, 107.76],
  ] },
  { province: 'Chongqing', city: 'Wanzhou', cityZh: '万州区', weight: 6, urban: 1, places: [
    ['Wanzhou District', '万州区', 30.808, 108.409],
    ['Kaizhou District', '开州区', 31.161, 108.393],
    ['Yunyang County', '云阳县', 30.931, 108.697],
    ['Fengjie County', '奉节县', 31.019, 109.465],
    ['Wushan County', '巫山县', 31.075, 109.879],
    ['Zhong County', '忠县', 30.3, 108.038],
    ['Liangping District', '梁平区', 30.674, 107.8],
    ['Shizhu County', '石柱土家族自治县', 29.999, 108.112],
  ] },
  { province: 'Chongqing', city: 'Qianjiang', cityZh: '黔江区', weight: 2, urban: 1, places: [
    ['Qianjiang District', '黔江区', 29.533, 108.771],
    ['Youyang County', '酉阳土家族苗族自治县', 28.841, 108.767],
    ['Pengshui County', '彭水苗族土家族自治县', 29.294, 108.166],
  ] },
  { province: 'Guizhou', city: 'Guiyang', cityZh: '贵阳市', weight: 12, urban: 3, places: [
    ['Yunyan District', '云岩区', 26.647, 106.63],
    ['Baiyun District', '白云区', 26.678, 106.623],
    ['Huaxi District', '花溪区', 26.41, 106.67],
    ['Qingzhen', '清镇市', 26.556, 106.47],
    ['Kaiyang County', '开阳县', 27.057, 106.965],
    ['Xiuwen County', '修文县', 26.839, 106.592],
    ['Xifeng County', '息烽县', 27.09, 106.74],
  ] },
  { province: 'Guizhou', city: 'Zunyi', cityZh: '遵义市', weight: 7, urban: 1, places: [
    ['Honghuagang District', '红花岗区', 27.725, 106.927],
    ['Renhuai', '仁怀市', 27.792, 106.401],
    ['Chishui', '赤水市', 28.59, 105.698],
    ['Tongzi County', '桐梓县', 28.133, 106.825],
    ['Meitan County', '湄潭县', 27.749, 107.466],
    ['Xishui County', '习水县', 28.331, 106.197],
    ['Suiyang County', '绥阳县', 27.946, 107.191],
    ['Fenggang County', '凤冈县', 27.955, 107.717],
    ["Zheng'an County", '正安县', 28.553, 107.454],
    ['Yuqing County', '余庆县', 27.215, 107.905],
  ] },
  { province: 'Guizhou', city: 'Anshun', cityZh: '安顺市', weight: 4, urban: 1, places: [
    ['Xixiu District', '西秀区', 26.253, 105.947],
    ['Pingba District', '平坝区', 26.406, 106.257],
    ['Puding County', '普定县', 26.301, 105.743],
    ['Zhenning County', '镇宁布依族苗族自治县', 26.057, 105.77],
    ['Guanling County', '关岭布依族苗族自治县', 25.944, 105.619],
    ['Ziyun County', '紫云苗族布依族自治县', 25.751, 106.084],
  ] },
  { province: 'Guizhou', city: 'Bijie', cityZh: '毕节市', weight: 3, urban: 1, places: [
    ['Qixingguan District', '七星关区', 27.302, 105.285],
    ['Qianxi', '黔西市', 27.009, 106.032],
    ['Zhijin County', '织金县', 26.663, 105.77],
  ] },
  { province: 'Guizhou', city: 'Liupanshui', cityZh: '六盘水市', weight: 2, urban: 1, places: [['Zhongshan District', '钟山区', 26.593, 104.83]] },
  { province: 'Guizhou', city: 'Tongren', cityZh: '铜仁市', weight: 2, urban: 1, places: [['Bijiang District', '碧江区', 27.718, 109.19]] },
  { province: 'Guizhou', city: 'Qiandongnan', cityZh: '黔东南苗族侗族自治州', weight: 2, urban: 1, places: [['Kaili', '凯里市', 26.583, 107.978]] },
  { province: 'Guizhou', city: 'Qiannan', cityZh: '黔南布依族苗族自治州', weight: 2, urban: 1, places: [['Duyun', '都匀市', 26.259, 107.518]] },
  { province: 'Guizhou', city: 'Qianxinan', cityZh: '黔西南布依族苗族自治州', weight: 2, urban: 1, places: [['Xingyi', '兴义市', 25.092, 104.895]] },
  { province: 'Beijing', city: 'Beijing', cityZh: '北京市', weight: 30, urban: 6, places: [
    ['Dongcheng District', '东城区', 39.929, 116.416],
    ['Xicheng District', '西城区', 39.912, 116.366],
    ['Chaoyang District', '朝阳区', 39.921, 116.443],
    ['Haidian District', '海淀区', 39.959, 116.298],
    ['Fengtai District', '丰台区', 39.858, 116.287],
    ['Shijingshan District', '石景山区', 39.906, 116.223],
    ['Tongzhou District', '通州区', 39.909, 116.656],
    ['Shunyi District', '顺义区', 40.13, 116.654],
    ['Changping District', '昌平区', 40.221, 116.231],
    ['Daxing District', '大兴区', 39.727, 116.341],
    ['Fangshan District', '房山区', 39.749, 116.143],
    ['Mentougou District', '门头沟区', 39.94, 116.102],
    ['Huairou District', '怀柔区', 40.316, 116.632],
    ['Pinggu District', '平谷区', 40.141, 117.121],
    ['Miyun District', '密云区', 40.377, 116.843],
    ['Yanqing District', '延庆区', 40.456, 115.975],
  ] },
  { province: 'Tianjin', city: 'Tianjin', cityZh: '天津市', weight: 3, urban: 1, places: [['Heping District', '和平区', 39.125, 117.19]] },
  { province: 'Hebei', city: 'Langfang', cityZh: '廊坊市', weight: 3, urban: 1, places: [['Guangyang District', '广阳区', 39.538, 116.684]] },
  { province: 'Hebei', city: 'Baoding', cityZh: '保定市', weight: 3, urban: 1, places: [
    ['Lianchi District', '莲池区', 38.874, 115.465],
    ['Zhuozhou', '涿州市', 39.485, 115.974],
  ] },
  { province: 'Hebei', city: 'Zhangjiakou', cityZh: '张家口市', weight: 1, urban: 1, places: [['Qiaodong District', '桥东区', 40.768, 114.886]] },
  { province: 'Hebei', city: 'Chengde', cityZh: '承德市', weight: 1, urban: 1, places: [['Shuangqiao District', '双桥区', 40.952, 117.963]] },
  { province: 'Hebei', city: 'Tangshan', cityZh: '唐山市', weight: 2, urban: 1, places: [['Lubei District', '路北区', 39.63, 118.18]] },
  { province: 'Hebei', city: 'Shijiazhuang', cityZh: '石家庄市', weight: 2, urban: 1, places: [["Chang'an District", '长安区', 38.042, 114.515]] },
  { province: 'Hebei', city: 'Cangzhou', cityZh: '沧州市', weight: 1, urban: 1, places: [['Yunhe District', '运河区', 38.304, 116.839]] },
];

/**
 * The demo's stock locations, in the order a smaller network takes them: the three depots, an
 * office in each region, then the prefecture offices. `place` names the district or county seat.
 */
export interface StockLocationSeed {
  id: string;
  kind: 'depot' | 'office';
  name: string;
  nameZh: string;
  city: string;
  place: string;
}

// prettier-ignore
export const DEMO_STOCK_LOCATIONS: readonly StockLocationSeed[] = [
  { id: 'D-CTU', kind: 'depot', name: 'Chengdu central depot', nameZh: '成都中心备件库', city: 'Chengdu', place: 'Shuangliu District' },
  { id: 'D-CKG', kind: 'depot', name: 'Chongqing depot', nameZh: '重庆备件库', city: 'Chongqing', place: 'Yubei District' },
  { id: 'D-KWE', kind: 'depot', name: 'Guiyang depot', nameZh: '贵阳备件库', city: 'Guiyang', place: 'Baiyun District' },
  { id: 'O-CD', kind: 'office', name: 'Chengdu office', nameZh: '成都服务站', city: 'Chengdu', place: 'Jinjiang District' },
  { id: 'O-CQ', kind: 'office', name: 'Chongqing office', nameZh: '重庆服务站', city: 'Chongqing', place: 'Yuzhong District' },
  { id: 'O-GY', kind: 'office', name: 'Guiyang office', nameZh: '贵阳服务站', city: 'Guiyang', place: 'Yunyan District' },
  { id: 'O-BJ', kind: 'office', name: 'Beijing office', nameZh: '北京服务站', city: 'Beijing', place: 'Chaoyang District' },
  { id: 'O-YB', kind: 'office', name: 'Yibin office', nameZh: '宜宾服务站', city: 'Yibin', place: 'Cuiping District' },
  { id: 'O-LZ', kind: 'office', name: 'Luzhou office', nameZh: '泸州服务站', city: 'Luzhou', place: 'Jiangyang District' },
  { id: 'O-MY', kind: 'office', name: 'Mianyang office', nameZh: '绵阳服务站', city: 'Mianyang', place: 'Fucheng District' },
  { id: 'O-NC', kind: 'office', name: 'Nanchong office', nameZh: '南充服务站', city: 'Nanchong', place: 'Shunqing District' },
  { id: 'O-ZY', kind: 'office', name: 'Zunyi office', nameZh: '遵义服务站', city: 'Zunyi', place: 'Honghuagang District' },
  { id: 'O-WZ', kind: 'office', name: 'Wanzhou office', nameZh: '万州服务站', city: 'Wanzhou', place: 'Wanzhou District' },
  { id: 'O-LS', kind: 'office', name: 'Leshan office', nameZh: '乐山服务站', city: 'Leshan', place: 'Shizhong District' },
  { id: 'O-ZG', kind: 'office', name: 'Zigong office', nameZh: '自贡服务站', city: 'Zigong', place: 'Ziliujing District' },
  { id: 'O-AS', kind: 'office', name: 'Anshun office', nameZh: '安顺服务站', city: 'Anshun', place: 'Xixiu District' },
];
