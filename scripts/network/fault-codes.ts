import type { ComponentName, FaultCode, SkillId, TicketKind } from './schema.ts';

/**
 * Fault codes by equipment kind: the level a report usually gets, who can fix it, how long the
 * work takes, the component (for the warranty decision) and the part role that usually fixes it.
 * `weight` is the relative frequency among the kind's reports and is not written to the files.
 */
export interface FaultSeed extends FaultCode {
  weight: number;
}

type FaultRow = readonly [
  id: string,
  name: string,
  nameZh: string,
  ticketKind: TicketKind,
  typicalLevel: 1 | 2 | 3,
  minSkillLevel: number,
  serviceMinutes: number,
  component: ComponentName,
  partRole: string | null,
  needsSpareUnit: boolean,
  weight: number,
];

// prettier-ignore
const ROWS: Readonly<Record<SkillId, readonly FaultRow[]>> = {
  'his-server': [
    ['HIS-PSU-FAIL', 'Power supply failed, redundancy lost', '电源故障，冗余失效', 'fault', 2, 1, 60, 'main-unit', 'psu', false, 5],
    ['HIS-DISK-FAIL', 'Disk failed, RAID volume degraded', '硬盘故障，RAID降级', 'fault', 2, 1, 60, 'main-unit', 'hdd', false, 8],
    ['HIS-RAID-FAIL', 'RAID controller fault, database volume offline', 'RAID卡故障，数据库卷离线', 'fault', 1, 2, 120, 'main-unit', 'raid-controller', true, 2],
    ['HIS-BOARD-FAIL', 'Server does not boot, system board fault', '服务器无法启动，主板故障', 'fault', 1, 3, 180, 'main-unit', 'mainboard', true, 1],
    ['HIS-FAN-FAIL', 'Fan failure, thermal warning', '风扇故障，温度告警', 'fault', 3, 1, 45, 'main-unit', 'fan', false, 4],
    ['HIS-MEM-ECC', 'Uncorrectable memory errors, server restarts', '内存不可纠正错误，服务器重启', 'fault', 2, 2, 60, 'main-unit', 'memory', false, 3],
    ['HIS-DB-SLOW', 'HIS database responds slowly', 'HIS数据库响应缓慢', 'remote', 2, 2, 90, 'software-support', null, false, 4],
    ['HIS-REPORT-Q', 'Question about HIS report configuration', 'HIS报表配置咨询', 'question', 3, 1, 30, 'software-support', null, false, 3],
    ['HIS-LIS-LINK', 'Interface with the laboratory system fails intermittently', '与检验系统接口间歇性失败', 'complex', 2, 3, 240, 'software-support', null, false, 1],
  ],
  xray: [
    ['XR-TUBE-ARC', 'Tube arcing, exposures aborted', '球管打火，曝光中断', 'fault', 1, 3, 240, 'main-unit', 'tube', false, 2],
    ['XR-DET-FAIL', 'Flat-panel detector not responding', '平板探测器无响应', 'fault', 1, 2, 120, 'main-unit', 'detector', false, 2],
    ['XR-HV-FAULT', 'High-voltage generator error', '高压发生器报错', 'fault', 1, 3, 180, 'electrical', 'hv-generator', false, 1],
    ['XR-COLL-LAMP', 'Collimator light out', '束光器灯不亮', 'fault', 3, 1, 30, 'main-unit', 'collimator-lamp', false, 4],
    ['XR-HANDSW', 'Exposure hand switch intermittent', '曝光手闸接触不良', 'fault', 2, 1, 30, 'electrical', 'hand-switch', false, 3],
    ['XR-TABLE', 'Table does not move up or down', '检查床无法升降', 'fault', 2, 2, 90, 'electrical', 'table-motor', false, 2],
    ['XR-CALIB', 'Image artefacts, detector calibration needed', '图像伪影，需要校准探测器', 'fault', 2, 2, 120, 'software-support', null, false, 3],
  ],
  'av-classroom': [
    ['AV-NO-IMAGE', 'No image on the interactive panel', '交互平板无图像', 'fault', 2, 1, 60, 'main-unit', 'av-board', false, 3],
    ['AV-TOUCH', 'Touch does not respond', '触摸失灵', 'fault', 3, 1, 45, 'main-unit', 'touch-frame', false, 4],
    ['AV-LAMP', 'Projector lamp at end of life', '投影机灯泡寿命到期', 'fault', 3, 1, 30, 'main-unit', 'lamp', false, 6],
    ['AV-POWER', 'Device does not power on', '设备无法开机', 'fault', 2, 1, 45, 'electrical', 'power-board', false, 3],
    ['AV-OPS-BOOT', 'Classroom PC does not boot', '教室电脑无法启动', 'fault', 2, 1, 45, 'main-unit', 'ops-pc', false, 3],
    ['AV-AUDIO', 'No sound from classroom speakers', '教室扩音无声', 'fault', 3, 1, 45, 'main-unit', 'amp-board', false, 3],
    ['AV-EXAM-ROOM', 'Exam-room recording system down before an exam', '考场录播系统考前故障', 'fault', 1, 2, 90, 'main-unit', null, true, 1],
    ['AV-HOWTO', 'Question about screen sharing', '投屏使用咨询', 'question', 3, 1, 20, 'software-support', null, false, 2],
  ],
  'farm-machinery': [
    ['FM-HYD-LEAK', 'Hydraulic hose burst', '液压油管爆裂', 'fault', 2, 1, 90, 'piping', 'hose', false, 5],
    ['FM-HYD-PUMP', 'Hydraulic lift does not work', '液压提升失灵', 'fault', 2, 2, 180, 'main-unit', 'hydraulic-pump', false, 2],
    ['FM-NO-START', 'Engine does not start in the field', '发动机田间无法启动', 'fault', 1, 2, 120, 'electrical', 'starter', false, 3],
    ['FM-CHARGE', 'Battery not charging', '蓄电池不充电', 'fault', 3, 1, 60, 'electrical', 'alternator', false, 2],
    ['FM-INJECTOR', 'Engine misfires with black smoke', '发动机缺缸冒黑烟', 'fault', 2, 2, 150, 'main-unit', 'injector', false, 3],
    ['FM-BELT', 'Drive belt slipping', '传动皮带打滑', 'fault', 3, 1, 60, 'main-unit', 'belt', false, 4],
    ['FM-BLADE', 'Cutter bar knives damaged', '割刀损坏', 'fault', 2, 1, 60, 'main-unit', 'blade', false, 4],
    ['FM-CLUTCH', 'Clutch slips under load', '离合器打滑', 'fault', 2, 2, 180, 'main-unit', 'clutch', false, 1],
  ],
  'solar-heater': [
    ['SH-TUBE-BROKEN', 'Vacuum tubes broken', '真空管破损', 'fault', 3, 1, 60, 'main-unit', 'vacuum-tube', false, 6],
    ['SH-LEAK', 'Water leaking at the tube seals', '真空管密封圈漏水', 'fault', 2, 1, 60, 'piping', 'seal', false, 4],
    ['SH-NO-HEAT', 'No hot water, electric heater failed', '无热水，电辅助加热失效', 'fault', 2, 1, 60, 'electrical', 'heater', false, 3],
    ['SH-CTRL', 'Controller shows an error code', '控制器报错', 'fault', 3, 1, 45, 'electrical', 'controller', false, 4],
    ['SH-PUMP', 'Circulation pump failed, no hot water in the building', '循环泵故障，楼内无热水', 'fault', 1, 2, 120, 'electrical', 'pump', false, 1],
    ['SH-FREEZE', 'Pipes frozen', '管道冻堵', 'fault', 2, 1, 90, 'piping', 'heat-tape', false, 2],
    ['SH-SENSOR', 'Wrong water level or temperature shown', '水位水温显示错误', 'fault', 3, 1, 45, 'electrical', 'sensor', false, 2],
  ],
  network: [
    ['NET-SW-DOWN', 'Core switch down, departments offline', '核心交换机宕机，科室断网', 'fault', 1, 2, 90, 'main-unit', null, true, 1],
    ['NET-LINK', 'Uplink down, optical module fault', '上联链路中断，光模块故障', 'fault', 2, 1, 45, 'main-unit', 'sfp-10g', false, 4],
    ['NET-FAN', 'Switch fan alarm', '交换机风扇告警', 'fault', 3, 1, 30, 'main-unit', 'switch-fan', false, 3],
    ['NET-PSU', 'Switch power module failed', '交换机电源模块故障', 'fault', 2, 1, 45, 'main-unit', 'switch-psu', false, 3],
    ['NET-CONFIG', 'VLAN misconfiguration after a change', '变更后VLAN配置错误', 'remote', 2, 2, 60, 'software-support', null, false, 3],
  ],
};

export const FAULT_SEEDS: readonly FaultSeed[] = (
  Object.entries(ROWS) as [SkillId, readonly FaultRow[]][]
).flatMap(([skill, rows]) =>
  rows.map(
    ([
      id,
      name,
      nameZh,
      ticketKind,
      typicalLevel,
      minSkillLevel,
      serviceMinutes,
      component,
      partRole,
      needsSpareUnit,
      weight,
    ]) => ({
      id,
      name,
      nameZh,
      skill,
      ticketKind,
      typicalLevel,
      minSkillLevel,
      serviceMinutes,
      component,
      partRole,
      needsSpareUnit,
      weight,
    }),
  ),
);

/** The fault codes as written to fault-codes.json, sorted by id. */
export function buildFaultCodes(): FaultCode[] {
  return FAULT_SEEDS.map(({ weight: _weight, ...code }) => code).sort((a, b) => (a.id < b.id ? -1 : 1));
}
