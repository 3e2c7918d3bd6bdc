/**
 * Real cities of the service area (Sichuan, Chongqing, Guizhou, Beijing) where the generated
 * dispatch days put offices and customer sites. Coordinates are the city centres to about a
 * kilometre; `weight` is roughly the urban population in millions and sets how much work and how
 * many engineers a city gets. The first city of each region holds the regional depot.
 */
export interface City {
  code: string;
  name: string;
  region: 'SC' | 'CQ' | 'GZ' | 'BJ';
  lat: number;
  lon: number;
  weight: number;
}

export const CITIES: readonly City[] = [
  { code: 'CTU', name: 'Chengdu', region: 'SC', lat: 30.66, lon: 104.07, weight: 16 },
  { code: 'MYG', name: 'Mianyang', region: 'SC', lat: 31.47, lon: 104.68, weight: 3 },
  { code: 'DYG', name: 'Deyang', region: 'SC', lat: 31.13, lon: 104.4, weight: 2 },
  { code: 'LSN', name: 'Leshan', region: 'SC', lat: 29.55, lon: 103.77, weight: 2 },
  { code: 'YBN', name: 'Yibin', region: 'SC', lat: 28.77, lon: 104.63, weight: 3 },
  { code: 'NCG', name: 'Nanchong', region: 'SC', lat: 30.84, lon: 106.11, weight: 3 },
  { code: 'LZH', name: 'Luzhou', region: 'SC', lat: 28.87, lon: 105.44, weight: 2.5 },
  { code: 'ZGG', name: 'Zigong', region: 'SC', lat: 29.34, lon: 104.78, weight: 1.5 },
  { code: 'DZH', name: 'Dazhou', region: 'SC', lat: 31.21, lon: 107.47, weight: 2 },
  { code: 'PZH', name: 'Panzhihua', region: 'SC', lat: 26.58, lon: 101.72, weight: 1 },
  { code: 'XCG', name: 'Xichang', region: 'SC', lat: 27.89, lon: 102.26, weight: 1 },
  { code: 'YAN', name: "Ya'an", region: 'SC', lat: 29.98, lon: 103.01, weight: 0.8 },
  { code: 'GYN', name: 'Guangyuan', region: 'SC', lat: 32.44, lon: 105.84, weight: 1 },
  { code: 'SNG', name: 'Suining', region: 'SC', lat: 30.53, lon: 105.59, weight: 1.5 },
  { code: 'NJG', name: 'Neijiang', region: 'SC', lat: 29.58, lon: 105.06, weight: 1.3 },
  { code: 'BZG', name: 'Bazhong', region: 'SC', lat: 31.87, lon: 106.75, weight: 1 },
  { code: 'MSN', name: 'Meishan', region: 'SC', lat: 30.08, lon: 103.85, weight: 1.2 },
  { code: 'GAN', name: "Guang'an", region: 'SC', lat: 30.46, lon: 106.63, weight: 1.2 },
  { code: 'CKG', name: 'Chongqing', region: 'CQ', lat: 29.56, lon: 106.55, weight: 15 },
  { code: 'WZH', name: 'Wanzhou', region: 'CQ', lat: 30.81, lon: 108.41, weight: 1.5 },
  { code: 'FLG', name: 'Fuling', region: 'CQ', lat: 29.7, lon: 107.39, weight: 1 },
  { code: 'QJG', name: 'Qianjiang', region: 'CQ', lat: 29.53, lon: 108.77, weight: 0.5 },
  { code: 'YCH', name: 'Yongchuan', region: 'CQ', lat: 29.36, lon: 105.93, weight: 1 },
  { code: 'HCH', name: 'Hechuan', region: 'CQ', lat: 29.97, lon: 106.28, weight: 1 },
  { code: 'KWE', name: 'Guiyang', region: 'GZ', lat: 26.65, lon: 106.63, weight: 5 },
  { code: 'ZYI', name: 'Zunyi', region: 'GZ', lat: 27.73, lon: 106.93, weight: 2.5 },
  { code: 'LPS', name: 'Liupanshui', region: 'GZ', lat: 26.59, lon: 104.83, weight: 1.2 },
  { code: 'ASN', name: 'Anshun', region: 'GZ', lat: 26.25, lon: 105.93, weight: 1 },
  { code: 'BJE', name: 'Bijie', region: 'GZ', lat: 27.3, lon: 105.29, weight: 1.2 },
  { code: 'TRN', name: 'Tongren', region: 'GZ', lat: 27.72, lon: 109.19, weight: 0.8 },
  { code: 'KLI', name: 'Kaili', region: 'GZ', lat: 26.58, lon: 107.98, weight: 0.8 },
  { code: 'DYN', name: 'Duyun', region: 'GZ', lat: 26.26, lon: 107.52, weight: 0.6 },
  { code: 'XYI', name: 'Xingyi', region: 'GZ', lat: 25.09, lon: 104.9, weight: 0.8 },
  { code: 'PEK', name: 'Beijing', region: 'BJ', lat: 39.9, lon: 116.41, weight: 18 },
  { code: 'TZH', name: 'Tongzhou', region: 'BJ', lat: 39.91, lon: 116.66, weight: 1.8 },
  { code: 'CPG', name: 'Changping', region: 'BJ', lat: 40.22, lon: 116.23, weight: 2.2 },
  { code: 'DXG', name: 'Daxing', region: 'BJ', lat: 39.73, lon: 116.34, weight: 2 },
  { code: 'SYI', name: 'Shunyi', region: 'BJ', lat: 40.13, lon: 116.65, weight: 1.3 },
  { code: 'FSN', name: 'Fangshan', region: 'BJ', lat: 39.75, lon: 116.14, weight: 1.3 },
  { code: 'HRO', name: 'Huairou', region: 'BJ', lat: 40.32, lon: 116.63, weight: 0.4 },
  { code: 'MYN', name: 'Miyun', region: 'BJ', lat: 40.38, lon: 116.84, weight: 0.5 },
  { code: 'PGU', name: 'Pinggu', region: 'BJ', lat: 40.14, lon: 117.12, weight: 0.5 },
  { code: 'YQG', name: 'Yanqing', region: 'BJ', lat: 40.46, lon: 115.97, weight: 0.3 },
];

/** The regional depots: Chengdu, Chongqing, Guiyang and Beijing. */
export const DEPOT_CITIES: readonly string[] = ['CTU', 'CKG', 'KWE', 'PEK'];

const KM_PER_DEGREE = 111.2;

/** A point `km` away from `origin` in the direction `angle` (radians), rounded to about a metre. */
export function offset(origin: { lat: number; lon: number }, km: number, angle: number) {
  const kmPerDegreeLon = KM_PER_DEGREE * Math.cos((origin.lat * Math.PI) / 180);
  return {
    lat: Math.round((origin.lat + (km * Math.sin(angle)) / KM_PER_DEGREE) * 1e5) / 1e5,
    lon: Math.round((origin.lon + (km * Math.cos(angle)) / kmPerDegreeLon) * 1e5) / 1e5,
  };
}
