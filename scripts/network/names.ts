import type { Place } from './geography.ts';
import type { Random } from './random.ts';
import type { CustomerKind } from './schema.ts';

/** Common Chinese surnames and given names, in pinyin and characters. */
const SURNAMES: readonly (readonly [string, string])[] = [
  ['Wang', '王'],
  ['Li', '李'],
  ['Zhang', '张'],
  ['Liu', '刘'],
  ['Chen', '陈'],
  ['Yang', '杨'],
  ['Huang', '黄'],
  ['Zhao', '赵'],
  ['Wu', '吴'],
  ['Zhou', '周'],
  ['Xu', '徐'],
  ['Sun', '孙'],
  ['Ma', '马'],
  ['Zhu', '朱'],
  ['Hu', '胡'],
  ['Guo', '郭'],
  ['He', '何'],
  ['Luo', '罗'],
  ['Gao', '高'],
  ['Lin', '林'],
  ['Tang', '唐'],
  ['Deng', '邓'],
  ['Feng', '冯'],
  ['Cao', '曹'],
  ['Peng', '彭'],
  ['Zeng', '曾'],
  ['Xiao', '肖'],
  ['Tian', '田'],
  ['Dong', '董'],
  ['Yuan', '袁'],
  ['Pan', '潘'],
  ['Jiang', '蒋'],
  ['Cai', '蔡'],
  ['Yu', '余'],
  ['Du', '杜'],
  ['Ye', '叶'],
  ['Cheng', '程'],
  ['Wei', '魏'],
  ['Su', '苏'],
  ['Ren', '任'],
];

const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['Wei', '伟'],
  ['Fang', '芳'],
  ['Jun', '军'],
  ['Lei', '磊'],
  ['Yong', '勇'],
  ['Jie', '杰'],
  ['Tao', '涛'],
  ['Ming', '明'],
  ['Chao', '超'],
  ['Hua', '华'],
  ['Qiang', '强'],
  ['Ping', '平'],
  ['Gang', '刚'],
  ['Bin', '斌'],
  ['Hui', '辉'],
  ['Xin', '鑫'],
  ['Yan', '燕'],
  ['Jing', '静'],
  ['Hao', '浩'],
  ['Kai', '凯'],
  ['Peng', '鹏'],
  ['Bo', '波'],
  ['Lin', '琳'],
  ['Dan', '丹'],
  ['Fei', '飞'],
  ['Rui', '瑞'],
  ['Long', '龙'],
  ['Xiang', '翔'],
  ['Yuxuan', '宇轩'],
  ['Haoran', '浩然'],
  ['Zihan', '子涵'],
  ['Jiahui', '佳慧'],
  ['Jianguo', '建国'],
  ['Xiaoming', '晓明'],
  ['Guoqiang', '国强'],
  ['Wenjie', '文杰'],
  ['Shuang', '爽'],
  ['Ting', '婷'],
];

export interface PersonName {
  name: string;
  nameZh: string;
}

export function personName(random: Random): PersonName {
  const [surname, surnameZh] = random.pick(SURNAMES);
  const [given, givenZh] = random.pick(GIVEN_NAMES);
  return { name: `${surname} ${given}`, nameZh: `${surnameZh}${givenZh}` };
}

/** A mobile number of a Chinese operator's range, with the fixed +86 prefix. */
export function mobilePhone(random: Random): string {
  const prefix = random.pick(['133', '135', '138', '139', '150', '152', '158', '177', '180', '186', '189']);
  return `+86 ${prefix} ${String(random.int(0, 9999)).padStart(4, '0')} ${String(random.int(0, 9999)).padStart(4, '0')}`;
}

const CHINESE_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE_NUMERALS[n] as string;
  if (n < 20) return `十${CHINESE_NUMERALS[n - 10]}`;
  if (n < 100) return `${CHINESE_NUMERALS[Math.floor(n / 10)]}十${CHINESE_NUMERALS[n % 10]}`;
  return String(n);
}

const FARM_NAMES: readonly (readonly [string, string])[] = [
  ['Fengshou', '丰收'],
  ['Xingnong', '兴农'],
  ['Lüyuan', '绿源'],
  ['Jinsui', '金穗'],
  ['Hefeng', '禾丰'],
  ['Tianyuan', '田园'],
  ['Huinong', '惠农'],
  ['Jiahe', '嘉禾'],
  ['Shengnong', '盛农'],
  ['Fuxing', '富兴'],
];

const VILLAGES: readonly (readonly [string, string])[] = [
  ['Heping', '和平'],
  ['Xinmin', '新民'],
  ['Hongxing', '红星'],
  ['Xingfu', '幸福'],
  ['Guangming', '光明'],
  ['Changqing', '长青'],
  ['Xiangyang', '向阳'],
  ['Taiping', '太平'],
  ["Yong'an", '永安'],
  ['Tuanjie', '团结'],
  ['Shiqiao', '石桥'],
  ['Baima', '白马'],
  ['Jinshan', '金山'],
  ['Longtan', '龙潭'],
  ['Shuanghe', '双河'],
];

const suffix = (serial: number): string => (serial > 1 ? ` ${serial}` : '');

/** English and Chinese name stems: the city for an urban place, the county otherwise. */
function stems(place: Place): { en: string; zh: string } {
  return place.urban ? { en: place.city, zh: place.cityZh } : { en: place.name, zh: place.nameZh };
}

/**
 * A customer name of the given kind near `place`. `serial` distinguishes customers of the same
 * kind in the same place (the No. 3 People's Hospital, the No. 4 Middle School…).
 */
export function customerName(kind: CustomerKind, place: Place, serial: number, random: Random): PersonName {
  const { en, zh } = stems(place);
  switch (kind) {
    case 'hospital': {
      const patterns: readonly [string, string][] = [
        [`${en} No. ${serial} People's Hospital`, `${zh}第${chineseNumber(serial)}人民医院`],
        [
          `${en} Hospital of Traditional Chinese Medicine${serial > 1 ? ` ${serial}` : ''}`,
          `${zh}中医医院${serial > 1 ? `${chineseNumber(serial)}院` : ''}`,
        ],
        [
          `${en} Maternal and Child Health Hospital${serial > 1 ? ` ${serial}` : ''}`,
          `${zh}妇幼保健院${serial > 1 ? `${chineseNumber(serial)}院` : ''}`,
        ],
      ];
      const [name, nameZh] = serial === 1 ? (patterns[0] as [string, string]) : random.pick(patterns);
      return { name, nameZh };
    }
    case 'school': {
      const primary = random.chance(0.35);
      return primary
        ? {
            name: `${en} Experimental Primary School No. ${serial}`,
            nameZh: `${zh}实验小学${chineseNumber(serial)}校区`,
          }
        : { name: `${en} No. ${serial} Middle School`, nameZh: `${zh}第${chineseNumber(serial)}中学` };
    }
    case 'education-centre':
      return { name: 'Sichuan Provincial Education Technology Centre', nameZh: '四川省电化教育馆' };
    case 'farm': {
      const [farm, farmZh] = random.pick(FARM_NAMES);
      return random.chance(0.6)
        ? {
            name: `${en} ${farm} Farm Machinery Cooperative${suffix(serial)}`,
            nameZh: `${zh}${farmZh}农机专业合作社${serial > 1 ? serial : ''}`,
          }
        : {
            name: `${en} ${farm} Family Farm${suffix(serial)}`,
            nameZh: `${zh}${farmZh}家庭农场${serial > 1 ? serial : ''}`,
          };
    }
    case 'solar-installation': {
      const [village, villageZh] = random.pick(VILLAGES);
      return random.chance(0.5)
        ? {
            name: `${en} ${village} Village Solar Water Heaters${suffix(serial)}`,
            nameZh: `${zh}${villageZh}村太阳能热水工程${serial > 1 ? serial : ''}`,
          }
        : {
            name: `${en} ${village} Community Solar Hot-Water System${suffix(serial)}`,
            nameZh: `${zh}${villageZh}小区太阳能热水系统${serial > 1 ? serial : ''}`,
          };
    }
  }
}

const STREETS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '文化路',
  '新华路',
  '滨江路',
  '学府路',
  '长江路',
  '和平路',
  '光明路',
  '胜利路',
  '东风路',
  '青年路',
  '迎宾大道',
];
const TOWNS = [
  '石桥镇',
  '白马镇',
  '金山镇',
  '龙潭镇',
  '新场镇',
  '双河镇',
  '高坪镇',
  '马鞍镇',
  '青山镇',
  '柏林镇',
];

/** The part of a Chinese address below the county: a street and number, or a town and village. */
export function streetAddress(rural: boolean, random: Random): string {
  if (rural) return `${random.pick(TOWNS)}${random.pick(VILLAGES)[1]}村${random.int(1, 12)}组`;
  return `${random.pick(STREETS)}${random.int(1, 399)}号`;
}
