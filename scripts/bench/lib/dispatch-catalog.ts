/**
 * The equipment a generated dispatch day repairs: per skill, its models, the parts each model
 * takes (some superseded by a newer part) and the spare unit that can be swapped in. `share` is the
 * skill's share of tickets and of engineers.
 */
export interface SkillCatalog {
  skill: string;
  share: number;
  models: readonly { model: string; parts: readonly string[]; unit: string | null }[];
}

export const CATALOG: readonly SkillCatalog[] = [
  {
    skill: 'his-server',
    share: 0.35,
    models: [
      { model: 'HIS-R740', parts: ['P-PSU-600', 'P-FAN-1', 'P-DISK-2T', 'P-MB-740'], unit: 'U-HIS-R740' },
      { model: 'HIS-R750', parts: ['P-PSU-650', 'P-FAN-1', 'P-DISK-4T'], unit: 'U-HIS-R750' },
    ],
  },
  {
    skill: 'xray',
    share: 0.15,
    models: [{ model: 'XR-200', parts: ['P-TUBE-X', 'P-GEN-X', 'P-DET-X'], unit: null }],
  },
  {
    skill: 'av-classroom',
    share: 0.2,
    models: [{ model: 'AV-86', parts: ['P-PANEL-86', 'P-OPS-PC'], unit: 'U-AV-86' }],
  },
  {
    skill: 'farm-machinery',
    share: 0.1,
    models: [{ model: 'FM-TRACTOR', parts: ['P-PUMP-H', 'P-BELT-V'], unit: null }],
  },
  {
    skill: 'solar-heater',
    share: 0.1,
    models: [{ model: 'SH-300', parts: ['P-CTRL-S', 'P-SENSOR-T'], unit: 'U-SH-300' }],
  },
  {
    skill: 'network',
    share: 0.1,
    models: [{ model: 'SW-48', parts: ['P-SFP-10G', 'P-PSU-SW'], unit: 'U-SW-48' }],
  },
];

/** Newer SKUs and the older ones they replace. */
const SUPERSEDES: Readonly<Record<string, readonly string[]>> = {
  'P-PSU-650': ['P-PSU-600'],
  'P-DISK-4T': ['P-DISK-2T'],
  'U-HIS-R750': ['U-HIS-R740'],
};

export interface CatalogSku {
  sku: string;
  kind: 'part' | 'unit';
  model?: string;
  fits: string[];
  supersedes: string[];
}

/** Every SKU of the catalog in the contract's shape, each once. */
export function catalogSkus(): CatalogSku[] {
  const skus = new Map<string, CatalogSku>();
  for (const { models } of CATALOG)
    for (const { model, parts, unit } of models) {
      for (const part of parts) {
        const sku = skus.get(part) ?? {
          sku: part,
          kind: 'part',
          fits: [],
          supersedes: [...(SUPERSEDES[part] ?? [])],
        };
        sku.fits.push(model);
        skus.set(part, sku);
      }
      if (unit)
        skus.set(unit, {
          sku: unit,
          kind: 'unit',
          model,
          fits: [],
          supersedes: [...(SUPERSEDES[unit] ?? [])],
        });
    }
  return [...skus.values()];
}
