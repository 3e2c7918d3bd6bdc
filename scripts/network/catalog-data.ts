import type { ComponentName, SkillId } from './schema.ts';

/**
 * The parts catalog of the demo: equipment models of the six kinds of installed base, the roles a
 * part plays in a model (power supply, lamp, vacuum tube…), and their suppliers. A role is either
 * one SKU per model or one SKU shared by every model of the kind that lists it. Costs are CNY
 * ranges, failure rates are per installed unit and month, and `extraUnits` is the mean number of
 * units beyond the first that one failure consumes (a broken vacuum-tube row needs several).
 */

export interface SupplierSeed {
  id: string;
  name: string;
  city: string;
  leadTimeDays: readonly [mean: number, sd: number];
}

// prettier-ignore
export const SUPPLIERS: readonly SupplierSeed[] = [
  { id: 'SUP-CVTE', name: 'Guangzhou Shiyuan Electronics (Seewo)', city: 'Guangzhou', leadTimeDays: [6, 2] },
  { id: 'SUP-DELL', name: 'Dell China', city: 'Xiamen', leadTimeDays: [7, 2] },
  { id: 'SUP-EPSON', name: 'Epson China', city: 'Shenzhen', leadTimeDays: [21, 7] },
  { id: 'SUP-H3C', name: 'New H3C Technologies', city: 'Hangzhou', leadTimeDays: [8, 3] },
  { id: 'SUP-HIMIN', name: 'Himin Solar', city: 'Dezhou', leadTimeDays: [10, 3] },
  { id: 'SUP-HITE', name: 'Hitevision', city: 'Beijing', leadTimeDays: [8, 3] },
  { id: 'SUP-HUAWEI', name: 'Huawei Technologies', city: 'Shenzhen', leadTimeDays: [7, 2] },
  { id: 'SUP-INSPUR', name: 'Inspur Electronic Information', city: 'Jinan', leadTimeDays: [5, 1.5] },
  { id: 'SUP-ITC', name: 'ITC Audio', city: 'Guangzhou', leadTimeDays: [7, 2] },
  { id: 'SUP-KEXIN', name: 'Chengdu Kexin Electronics (distributor)', city: 'Chengdu', leadTimeDays: [3, 1] },
  { id: 'SUP-KUBOTA', name: 'Kubota Agricultural Machinery (Suzhou)', city: 'Suzhou', leadTimeDays: [25, 8] },
  { id: 'SUP-LENOVO', name: 'Lenovo', city: 'Beijing', leadTimeDays: [6, 2] },
  { id: 'SUP-LINUO', name: 'Linuo Ritter', city: 'Jinan', leadTimeDays: [12, 4] },
  { id: 'SUP-LOVOL', name: 'Lovol Heavy Industry', city: 'Weifang', leadTimeDays: [10, 4] },
  { id: 'SUP-MINDRAY', name: 'Mindray Medical', city: 'Shenzhen', leadTimeDays: [12, 4] },
  { id: 'SUP-NONGFENG', name: 'Sichuan Nongfeng Agricultural Parts (distributor)', city: 'Chengdu', leadTimeDays: [4, 1.5] },
  { id: 'SUP-RUIJIE', name: 'Ruijie Networks', city: 'Fuzhou', leadTimeDays: [8, 3] },
  { id: 'SUP-SANGLE', name: 'Sangle Solar', city: 'Beijing', leadTimeDays: [10, 3] },
  { id: 'SUP-SONY', name: 'Sony China', city: 'Shanghai', leadTimeDays: [28, 10] },
  { id: 'SUP-SUNRAIN', name: 'Sunrain Solar', city: 'Lianyungang', leadTimeDays: [12, 4] },
  { id: 'SUP-UIH', name: 'United Imaging Healthcare', city: 'Shanghai', leadTimeDays: [14, 5] },
  { id: 'SUP-WANDONG', name: 'Wandong Medical', city: 'Beijing', leadTimeDays: [15, 6] },
  { id: 'SUP-WORLD', name: 'World Agricultural Machinery', city: 'Zhenjiang', leadTimeDays: [9, 3] },
  { id: 'SUP-XFUSION', name: 'xFusion Digital Technologies', city: 'Zhengzhou', leadTimeDays: [8, 3] },
  { id: 'SUP-YANMAR', name: 'Yanmar Agricultural Machinery (China)', city: 'Wuxi', leadTimeDays: [30, 10] },
  { id: 'SUP-YTO', name: 'YTO Group (Dongfanghong)', city: 'Luoyang', leadTimeDays: [12, 4] },
];

export interface SkillSeed {
  id: SkillId;
  name: string;
  nameZh: string;
  /** Equipment category of the models this skill maintains. */
  category: string;
  components: readonly ComponentName[];
  /** Share of engineers whose main skill it is, before the local installed base is counted. */
  engineerShare: number;
}

// prettier-ignore
export const SKILLS: readonly SkillSeed[] = [
  { id: 'av-classroom', name: 'Classroom audio-visual equipment', nameZh: '教室音视频设备', category: 'classroom-av', components: ['main-unit', 'software-support'], engineerShare: 0.2 },
  { id: 'farm-machinery', name: 'Farm machinery', nameZh: '农业机械', category: 'farm-machinery', components: ['main-unit', 'piping', 'electrical'], engineerShare: 0.13 },
  { id: 'his-server', name: 'Hospital information system servers', nameZh: 'HIS服务器', category: 'server', components: ['main-unit', 'software-support'], engineerShare: 0.22 },
  { id: 'network', name: 'Network equipment', nameZh: '网络设备', category: 'network-equipment', components: ['main-unit', 'software-support'], engineerShare: 0.15 },
  { id: 'solar-heater', name: 'Solar water heaters', nameZh: '太阳能热水器', category: 'solar-water-heater', components: ['main-unit', 'piping', 'electrical'], engineerShare: 0.15 },
  { id: 'xray', name: 'X-ray and radiography', nameZh: 'X射线与数字放射设备', category: 'radiography', components: ['main-unit', 'electrical', 'software-support'], engineerShare: 0.15 },
];

export interface RoleSeed {
  role: string;
  code: string;
  name: string;
  skill: SkillId;
  shared: boolean;
  cost: readonly [min: number, max: number];
  packSize: number;
  minOrderQty: number;
  failuresPerMonth: number;
  extraUnits: number;
  loadUnits: number;
  /** Small and common enough for an engineer to carry in the van. */
  van: boolean;
  /** A distributor instead of the model's manufacturer. */
  supplierId?: string;
  /** Lead time of this role instead of the supplier's usual one (tubes and detectors are built to order). */
  leadTimeDays?: readonly [mean: number, sd: number];
}

type RoleRow = readonly [
  role: string,
  code: string,
  name: string,
  shared: boolean,
  cost: readonly [number, number],
  packSize: number,
  minOrderQty: number,
  failuresPerMonth: number,
  extraUnits: number,
  loadUnits: number,
  van: boolean,
  supplierId?: string,
  leadTimeDays?: readonly [number, number],
];

// prettier-ignore
const ROLE_ROWS: Readonly<Record<SkillId, readonly RoleRow[]>> = {
  'his-server': [
    ['psu', 'PSU', 'Hot-plug power supply 750 W', false, [900, 1800], 1, 1, 0.005, 0, 0, true],
    ['hdd', 'HDD', '1.2 TB 10k SAS hard disk with carrier', false, [1100, 1900], 1, 1, 0.014, 0.2, 0, true],
    ['raid-controller', 'RAID', 'RAID controller', false, [3500, 7800], 1, 1, 0.0015, 0, 0, false],
    ['fan', 'FAN', 'System fan module', false, [260, 620], 1, 1, 0.004, 0.1, 0, true],
    ['mainboard', 'MB', 'System board', false, [9000, 19000], 1, 1, 0.001, 0, 1, false],
    ['ssd', 'SSD-960', '960 GB SATA SSD, read-intensive', true, [1300, 1900], 1, 1, 0.004, 0.1, 0, true, 'SUP-KEXIN'],
    ['memory', 'RAM-32G', '32 GB DDR4-3200 RDIMM', true, [900, 1400], 1, 1, 0.003, 0.3, 0, true, 'SUP-KEXIN'],
    ['nic', 'NIC-10G', 'Dual-port 10 GbE SFP+ network adapter', true, [1200, 2200], 1, 1, 0.002, 0, 0, false, 'SUP-KEXIN'],
    ['raid-battery', 'BBU', 'RAID cache battery module', true, [380, 720], 1, 1, 0.003, 0, 0, true, 'SUP-KEXIN'],
    ['cmos-battery', 'CR2032', 'CR2032 system board battery, pack of 10', true, [25, 45], 10, 1, 0.002, 0, 0, true, 'SUP-KEXIN'],
  ],
  xray: [
    ['tube', 'TUBE', 'X-ray tube assembly', false, [68000, 145000], 1, 1, 0.0025, 0, 2, false, undefined, [35, 10]],
    ['detector', 'FPD', 'Flat-panel detector 43 × 43 cm', false, [85000, 160000], 1, 1, 0.002, 0, 1, false, undefined, [30, 9]],
    ['hv-generator', 'HVG', 'High-voltage generator control board', false, [18000, 36000], 1, 1, 0.0015, 0, 1, false],
    ['collimator', 'COLL', 'Collimator assembly', false, [9000, 16000], 1, 1, 0.0015, 0, 1, false],
    ['table-motor', 'TMOT', 'Table lift motor', false, [2400, 4800], 1, 1, 0.002, 0, 1, false],
    ['hand-switch', 'HSW', 'Two-stage exposure hand switch', true, [650, 1200], 1, 1, 0.004, 0, 0, true],
    ['collimator-lamp', 'CLAMP', 'Collimator light bulb 24 V 150 W, pack of 2', true, [60, 120], 2, 1, 0.008, 0, 0, true],
    ['detector-battery', 'DBAT', 'Wireless detector battery pack', true, [1800, 3200], 1, 1, 0.006, 0, 0, true],
    ['tube-fan', 'TFAN', 'Tube housing cooling fan', true, [420, 800], 1, 1, 0.003, 0, 0, true],
    ['grid', 'GRID', 'Anti-scatter grid 43 × 43 cm, 10:1', true, [5200, 8800], 1, 1, 0.001, 0, 1, false],
  ],
  'av-classroom': [
    ['touch-frame', 'TOUCH', 'Infrared touch frame', false, [1500, 2600], 1, 1, 0.004, 0, 1, false],
    ['av-board', 'AVMB', 'Main control board', false, [1200, 2400], 1, 1, 0.002, 0, 0, false],
    ['power-board', 'PWR', 'Power supply board', false, [350, 900], 1, 1, 0.004, 0, 0, true],
    ['lamp', 'LAMP', 'Projector lamp module', false, [450, 1100], 1, 1, 0.02, 0.3, 0, true],
    ['filter', 'FILTER', 'Projector air filter, pack of 2', false, [60, 140], 2, 1, 0.01, 0, 0, true],
    ['amp-board', 'AMP', 'Amplifier board', false, [800, 1600], 1, 1, 0.004, 0, 0, false],
    ['ops-pc', 'OPS-I5', 'OPS slot-in classroom PC, Core i5', true, [2600, 3800], 1, 1, 0.004, 0, 0, false],
    ['microphone', 'MIC', 'UHF wireless lapel microphone', true, [380, 700], 1, 1, 0.008, 0.2, 0, true],
    ['speaker', 'SPK', 'Wall-mounted classroom speaker 30 W', true, [260, 480], 1, 2, 0.003, 0.5, 0, false],
    ['remote', 'RC', 'Remote control', true, [35, 80], 1, 5, 0.006, 0, 0, true],
    ['hdmi-cable', 'HDMI-15M', 'HDMI 2.0 active cable 15 m', true, [160, 320], 1, 2, 0.003, 0, 0, true, 'SUP-KEXIN'],
  ],
  'farm-machinery': [
    ['hydraulic-pump', 'HPUMP', 'Hydraulic gear pump', false, [1800, 4200], 1, 1, 0.004, 0, 1, false],
    ['injector', 'INJ', 'Fuel injector', false, [380, 900], 1, 1, 0.006, 1.5, 0, true],
    ['starter', 'STR', 'Starter motor', false, [900, 1900], 1, 1, 0.005, 0, 0, false],
    ['alternator', 'ALT', 'Alternator', false, [700, 1500], 1, 1, 0.004, 0, 0, false],
    ['belt', 'BELT', 'Drive belt', false, [80, 260], 1, 2, 0.012, 0.3, 0, true],
    ['air-filter', 'AIRF', 'Air filter element', false, [60, 180], 1, 5, 0.02, 0, 0, true],
    ['oil-filter', 'OILF', 'Engine oil filter', false, [35, 90], 1, 10, 0.015, 0, 0, true],
    ['clutch', 'CLU', 'Clutch plate', false, [600, 1500], 1, 1, 0.003, 0, 0, false],
    ['blade', 'BLADE', 'Cutter bar knife sections, pack of 10', true, [90, 160], 10, 1, 0.015, 1, 0, true],
    ['hose', 'HOSE', 'High-pressure hydraulic hose assembly', true, [120, 320], 1, 5, 0.012, 0.4, 0, true, 'SUP-NONGFENG'],
  ],
  'solar-heater': [
    ['heater', 'HEAT', 'Electric auxiliary heater 1.5 kW', false, [120, 380], 1, 1, 0.006, 0, 0, true],
    ['controller', 'CTRL', 'Smart controller with display', false, [260, 680], 1, 1, 0.006, 0, 0, true],
    ['pump', 'PUMP', 'Circulation pump', false, [650, 2200], 1, 1, 0.005, 0, 1, false],
    ['collector', 'COLLR', 'Flat-plate collector panel 2 m²', false, [1400, 2100], 1, 1, 0.001, 0, 2, false],
    ['vacuum-tube', 'VTUBE-58', 'Vacuum tube 58 × 1800 mm', true, [22, 38], 1, 20, 0.015, 1.8, 0, true],
    ['seal', 'SEAL-58', 'Silicone tube seal ring 58 mm, pack of 50', true, [30, 60], 50, 1, 0.01, 0, 0, true],
    ['sensor', 'SENS', 'Water temperature and level sensor', true, [60, 140], 1, 5, 0.006, 0, 0, true],
    ['valve', 'SOLV', 'Solenoid inlet valve DN15', true, [70, 150], 1, 5, 0.005, 0, 0, true],
    ['heat-tape', 'HTAPE', 'Anti-freeze heat tape 6 m', true, [45, 95], 1, 10, 0.006, 0.5, 0, true],
    ['mixing-valve', 'MIXV', 'Thermostatic mixing valve DN20', true, [180, 360], 1, 2, 0.002, 0, 0, true],
  ],
  network: [
    ['switch-psu', 'SWPSU', 'Switch power module', false, [900, 2600], 1, 1, 0.002, 0, 0, true],
    ['switch-fan', 'SWFAN', 'Switch fan tray', false, [400, 1100], 1, 1, 0.003, 0, 0, true],
    ['sfp-10g', 'SFP-10G', '10G SFP+ SR optical transceiver', true, [180, 420], 1, 2, 0.004, 0.3, 0, true, 'SUP-KEXIN'],
    ['sfp-1g', 'SFP-1G', '1000BASE-LX SFP transceiver', true, [90, 220], 1, 2, 0.004, 0.3, 0, true, 'SUP-KEXIN'],
    ['stack-cable', 'STACK', 'Stacking cable 1 m', true, [350, 700], 1, 1, 0.001, 0, 0, false],
    ['patch-cord', 'PATCH', 'LC–LC OM3 fibre patch cord 3 m, pack of 10', true, [90, 180], 10, 1, 0.003, 0, 0, true, 'SUP-KEXIN'],
  ],
};

export const ROLES: readonly RoleSeed[] = (
  Object.entries(ROLE_ROWS) as [SkillId, readonly RoleRow[]][]
).flatMap(([skill, rows]) =>
  rows.map(
    ([
      role,
      code,
      name,
      shared,
      cost,
      packSize,
      minOrderQty,
      failuresPerMonth,
      extraUnits,
      loadUnits,
      van,
      supplierId,
      leadTimeDays,
    ]) => ({
      role,
      code,
      name,
      skill,
      shared,
      cost,
      packSize,
      minOrderQty,
      failuresPerMonth,
      extraUnits,
      loadUnits,
      van,
      ...(supplierId ? { supplierId } : {}),
      ...(leadTimeDays ? { leadTimeDays } : {}),
    }),
  ),
);

/** Spare-unit (备机) SKUs are kept for these models only: units cheap and standard enough to swap. */
export interface SpareUnitSeed {
  cost: number;
  loadUnits: number;
}

export interface ModelSeed {
  id: string;
  code: string;
  name: string;
  manufacturer: string;
  supplierId: string;
  skill: SkillId;
  designLifeYears: number;
  /** Relative share of the installed base within its kind. */
  share: number;
  roles: readonly string[];
  spareUnit?: SpareUnitSeed;
}

/** Part roles of each kind of model. */
// prettier-ignore
const ROLES_OF = {
  server: ['psu', 'hdd', 'raid-controller', 'fan', 'mainboard', 'ssd', 'memory', 'nic', 'raid-battery', 'cmos-battery'],
  dr: ['tube', 'detector', 'hv-generator', 'collimator', 'table-motor', 'hand-switch', 'collimator-lamp', 'tube-fan', 'grid'],
  tractor: ['hydraulic-pump', 'injector', 'starter', 'alternator', 'belt', 'air-filter', 'oil-filter', 'clutch', 'hose'],
  panel: ['touch-frame', 'av-board', 'power-board', 'ops-pc', 'remote', 'hdmi-cable'],
  projector: ['lamp', 'filter', 'power-board', 'remote', 'hdmi-cable'],
  switch: ['switch-psu', 'switch-fan', 'sfp-10g', 'sfp-1g', 'stack-cable', 'patch-cord'],
  'tube-heater': ['vacuum-tube', 'seal', 'heater', 'controller', 'sensor', 'valve', 'heat-tape'],
  'flat-plate': ['collector', 'heater', 'controller', 'sensor', 'valve', 'heat-tape', 'mixing-valve'],
  'core-switch': ['switch-psu', 'switch-fan', 'sfp-10g', 'stack-cable', 'patch-cord'],
  harvester: ['hydraulic-pump', 'injector', 'starter', 'alternator', 'belt', 'air-filter', 'oil-filter', 'clutch', 'hose', 'blade'],
  'split-system': ['collector', 'heater', 'controller', 'pump', 'sensor', 'valve', 'heat-tape', 'mixing-valve'],
  'mobile-dr': ['tube', 'detector', 'hv-generator', 'collimator', 'hand-switch', 'collimator-lamp', 'detector-battery', 'tube-fan'],
  'central-system': ['vacuum-tube', 'seal', 'heater', 'controller', 'pump', 'sensor', 'valve', 'heat-tape', 'mixing-valve'],
  router: ['switch-psu', 'sfp-1g', 'patch-cord'],
  audio: ['amp-board', 'microphone', 'speaker'],
  transplanter: ['hydraulic-pump', 'injector', 'starter', 'alternator', 'belt', 'air-filter', 'oil-filter'],
} as const;

type ModelRow = readonly [
  id: string,
  code: string,
  name: string,
  manufacturer: string,
  supplierId: string,
  skill: SkillId,
  designLifeYears: number,
  share: number,
  roles: readonly string[],
  spareUnit?: readonly [cost: number, loadUnits: number],
];

// prettier-ignore
const MODEL_ROWS: readonly ModelRow[] = [
  ['HIS-R740', 'R740', 'Dell PowerEdge R740', 'Dell', 'SUP-DELL', 'his-server', 7, 3, ROLES_OF.server, [38000, 2]],
  ['XR-UDR596I', 'UDR596I', 'United Imaging uDR 596i digital radiography', 'United Imaging', 'SUP-UIH', 'xray', 10, 3, ROLES_OF.dr],
  ['AV-SW86', 'SW86', 'Seewo 86-inch interactive flat panel', 'Seewo', 'SUP-CVTE', 'av-classroom', 8, 4, ROLES_OF.panel, [8500, 4]],
  ['FM-M904', 'M904', 'Lovol M904-E tractor', 'Lovol', 'SUP-LOVOL', 'farm-machinery', 12, 4, ROLES_OF.tractor],
  ['SH-HM30', 'HM30', 'Himin 30-tube vacuum-tube solar water heater 300 L', 'Himin', 'SUP-HIMIN', 'solar-heater', 10, 5, ROLES_OF['tube-heater']],
  ['NET-S5735', 'S5735', 'Huawei S5735-L48T4X access switch', 'Huawei', 'SUP-HUAWEI', 'network', 8, 4, ROLES_OF.switch, [5200, 1]],
  ['HIS-SR650', 'SR650', 'Lenovo ThinkSystem SR650', 'Lenovo', 'SUP-LENOVO', 'his-server', 7, 3, ROLES_OF.server, [36000, 2]],
  ['XR-DE680', 'DE680', 'Mindray DigiEye 680 digital radiography', 'Mindray', 'SUP-MINDRAY', 'xray', 10, 3, ROLES_OF.dr],
  ['AV-HV86', 'HV86', 'Hitevision 86-inch interactive flat panel', 'Hitevision', 'SUP-HITE', 'av-classroom', 8, 3, ROLES_OF.panel],
  ['FM-LX954', 'LX954', 'Dongfanghong LX954 tractor', 'YTO Dongfanghong', 'SUP-YTO', 'farm-machinery', 12, 4, ROLES_OF.tractor],
  ['SH-SL150', 'SL150', 'Sangle 150 L flat-plate solar water heater', 'Sangle', 'SUP-SANGLE', 'solar-heater', 12, 2, ROLES_OF['flat-plate']],
  ['NET-S6520X', 'S6520X', 'H3C S6520X-30QC-EI core switch', 'H3C', 'SUP-H3C', 'network', 8, 2, ROLES_OF['core-switch'], [16000, 1]],
  ['HIS-NF5280M6', 'NF5280M6', 'Inspur NF5280M6', 'Inspur', 'SUP-INSPUR', 'his-server', 7, 4, ROLES_OF.server, [32000, 2]],
  ['XR-NO1000', 'NO1000', 'Wandong New Oriental 1000 digital radiography', 'Wandong', 'SUP-WANDONG', 'xray', 10, 2, ROLES_OF.dr],
  ['AV-CBX50', 'CBX50', 'Epson CB-X50 classroom projector', 'Epson', 'SUP-EPSON', 'av-classroom', 6, 3, ROLES_OF.projector, [4200, 1]],
  ['FM-PRO588', 'PRO588', 'Kubota PRO588I-G combine harvester', 'Kubota', 'SUP-KUBOTA', 'farm-machinery', 10, 2, ROLES_OF.harvester],
  ['SH-LR200', 'LR200', 'Linuo Ritter 200 L split solar hot-water system', 'Linuo Ritter', 'SUP-LINUO', 'solar-heater', 12, 2, ROLES_OF['split-system']],
  ['NET-S5750', 'S5750', 'Ruijie RG-S5750-48GT4XS switch', 'Ruijie', 'SUP-RUIJIE', 'network', 8, 3, ROLES_OF.switch],
  ['HIS-2288HV5', '2288HV5', 'xFusion FusionServer 2288H V5', 'xFusion', 'SUP-XFUSION', 'his-server', 7, 2, ROLES_OF.server, [34000, 2]],
  ['XR-ME700', 'ME700', 'Mindray MobiEye 700 mobile digital radiography', 'Mindray', 'SUP-MINDRAY', 'xray', 8, 2, ROLES_OF['mobile-dr']],
  ['AV-EX435', 'EX435', 'Sony VPL-EX435 classroom projector', 'Sony', 'SUP-SONY', 'av-classroom', 6, 2, ROLES_OF.projector],
  ['FM-4LZ6', '4LZ6', 'World Ruilong 4LZ-6.0 combine harvester', 'World', 'SUP-WORLD', 'farm-machinery', 10, 3, ROLES_OF.harvester],
  ['SH-SR5T', 'SR5T', 'Sunrain 5-tonne engineering solar hot-water system', 'Sunrain', 'SUP-SUNRAIN', 'solar-heater', 15, 1, ROLES_OF['central-system']],
  ['NET-AR6140', 'AR6140', 'Huawei AR6140 enterprise router', 'Huawei', 'SUP-HUAWEI', 'network', 8, 2, ROLES_OF.router, [6800, 1]],
  ['AV-T6240', 'T6240', 'ITC T-6240 classroom audio system', 'ITC', 'SUP-ITC', 'av-classroom', 8, 2, ROLES_OF.audio, [2600, 1]],
  ['FM-VP6D', 'VP6D', 'Yanmar VP6D rice transplanter', 'Yanmar', 'SUP-YANMAR', 'farm-machinery', 10, 2, ROLES_OF.transplanter],
];

export const MODELS: readonly ModelSeed[] = MODEL_ROWS.map(
  ([id, code, name, manufacturer, supplierId, skill, designLifeYears, share, roles, spareUnit]) => ({
    id,
    code,
    name,
    manufacturer,
    supplierId,
    skill,
    designLifeYears,
    share,
    roles,
    ...(spareUnit ? { spareUnit: { cost: spareUnit[0], loadUnits: spareUnit[1] } } : {}),
  }),
);

/**
 * Supersession chains: the current SKU (by its role and model code, or the role's code for a
 * shared SKU) and how many older revisions it replaced, with when the oldest one reached its end
 * of life (months before today; each later revision a year after).
 */
export interface ChainSeed {
  skuCode: string;
  revisions: number;
  oldestEndOfLifeMonthsAgo: number;
}

// prettier-ignore
export const CHAINS: readonly ChainSeed[] = [
  { skuCode: 'PSU-R740', revisions: 2, oldestEndOfLifeMonthsAgo: 26 },
  { skuCode: 'HDD-R740', revisions: 1, oldestEndOfLifeMonthsAgo: 14 },
  { skuCode: 'LAMP-CBX50', revisions: 1, oldestEndOfLifeMonthsAgo: 9 },
  { skuCode: 'CTRL-HM30', revisions: 1, oldestEndOfLifeMonthsAgo: 18 },
  { skuCode: 'HPUMP-M904', revisions: 1, oldestEndOfLifeMonthsAgo: 11 },
  { skuCode: 'SWPSU-S5735', revisions: 1, oldestEndOfLifeMonthsAgo: 7 },
  { skuCode: 'VTUBE-58', revisions: 1, oldestEndOfLifeMonthsAgo: 20 },
  { skuCode: 'OPS-I5', revisions: 1, oldestEndOfLifeMonthsAgo: 16 },
  { skuCode: 'TOUCH-SW86', revisions: 1, oldestEndOfLifeMonthsAgo: 5 },
  { skuCode: 'INJ-LX954', revisions: 1, oldestEndOfLifeMonthsAgo: 12 },
  { skuCode: 'FPD-DE680', revisions: 1, oldestEndOfLifeMonthsAgo: 10 },
];

/** Current SKUs with an announced end of life, months after today: last-time-buy candidates. */
// prettier-ignore
export const ANNOUNCED_END_OF_LIFE: Readonly<Record<string, number>> = { 'MB-R740': 7, 'LAMP-EX435': 4, 'TUBE-NO1000': 15, 'CTRL-SL150': 10, 'FAN-2288HV5': 3 };
