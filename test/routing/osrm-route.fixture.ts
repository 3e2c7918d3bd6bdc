/**
 * An answer of OSRM's route service (steps=true, geometries=geojson, overview=full) in the
 * documented shape, for a depot in south Chengdu → a hospital on 人民南路 → one on 一环路:
 * two legs, each departing, turning (a left turn; a roundabout exit) and arriving.
 */
const hint = 'KSoKADRYroqUBAEAEAAAABkAAAAGAAAAAAAAABhnCQCLtwAA_0vMAKlYIQM8TMwArVghAwEAAQH1a66g';

export const chengduStops = [
  { lon: 104.069, lat: 30.61 },
  { lon: 104.062, lat: 30.6267 },
  { lon: 104.051, lat: 30.633 },
];

const leg1Steps = [
  {
    geometry: {
      type: 'LineString',
      coordinates: [
        [104.069, 30.61],
        [104.0688, 30.619],
        [104.0686, 30.6264],
      ],
    },
    maneuver: { bearing_after: 358, bearing_before: 0, location: [104.069, 30.61], type: 'depart' },
    mode: 'driving',
    driving_side: 'right',
    name: '天府大道北段',
    intersections: [{ out: 0, entry: [true], bearings: [358], location: [104.069, 30.61] }],
    weight: 162.1,
    duration: 162.1,
    distance: 1830.4,
  },
  {
    geometry: {
      type: 'LineString',
      coordinates: [
        [104.0686, 30.6264],
        [104.064, 30.6266],
        [104.062, 30.6267],
      ],
    },
    maneuver: {
      bearing_after: 272,
      bearing_before: 358,
      location: [104.0686, 30.6264],
      modifier: 'left',
      type: 'turn',
    },
    mode: 'driving',
    driving_side: 'right',
    name: '人民南路',
    intersections: [
      {
        out: 3,
        in: 1,
        entry: [true, false, true, true],
        bearings: [0, 178, 90, 272],
        location: [104.0686, 30.6264],
      },
    ],
    weight: 71.3,
    duration: 71.3,
    distance: 642.7,
  },
  {
    geometry: {
      type: 'LineString',
      coordinates: [
        [104.062, 30.6267],
        [104.062, 30.6267],
      ],
    },
    maneuver: {
      bearing_after: 0,
      bearing_before: 272,
      location: [104.062, 30.6267],
      modifier: 'right',
      type: 'arrive',
    },
    mode: 'driving',
    driving_side: 'right',
    name: '人民南路',
    intersections: [{ in: 0, entry: [true], bearings: [92], location: [104.062, 30.6267] }],
    weight: 0,
    duration: 0,
    distance: 0,
  },
];

const leg2Steps = [
  {
    geometry: {
      type: 'LineString',
      coordinates: [
        [104.062, 30.6267],
        [104.0578, 30.6269],
      ],
    },
    maneuver: { bearing_after: 272, bearing_before: 0, location: [104.062, 30.6267], type: 'depart' },
    mode: 'driving',
    driving_side: 'right',
    name: '人民南路',
    intersections: [{ out: 0, entry: [true], bearings: [272], location: [104.062, 30.6267] }],
    weight: 45,
    duration: 45,
    distance: 410.2,
  },
  {
    geometry: {
      type: 'LineString',
      coordinates: [
        [104.0578, 30.6269],
        [104.0571, 30.6275],
        [104.051, 30.633],
      ],
    },
    maneuver: {
      exit: 2,
      bearing_after: 315,
      bearing_before: 272,
      location: [104.0578, 30.6269],
      modifier: 'right',
      type: 'roundabout',
    },
    mode: 'driving',
    driving_side: 'right',
    name: '一环路南四段',
    intersections: [
      { out: 2, in: 0, entry: [false, true, true], bearings: [92, 200, 315], location: [104.0578, 30.6269] },
    ],
    weight: 120.9,
    duration: 120.9,
    distance: 1204.6,
  },
  {
    geometry: {
      type: 'LineString',
      coordinates: [
        [104.051, 30.633],
        [104.051, 30.633],
      ],
    },
    maneuver: { bearing_after: 0, bearing_before: 315, location: [104.051, 30.633], type: 'arrive' },
    mode: 'driving',
    driving_side: 'right',
    name: '一环路南四段',
    intersections: [{ in: 0, entry: [true], bearings: [135], location: [104.051, 30.633] }],
    weight: 0,
    duration: 0,
    distance: 0,
  },
];

export const chengduRoute = {
  code: 'Ok',
  routes: [
    {
      geometry: {
        type: 'LineString',
        coordinates: [
          [104.069, 30.61],
          [104.0688, 30.619],
          [104.0686, 30.6264],
          [104.064, 30.6266],
          [104.062, 30.6267],
          [104.0578, 30.6269],
          [104.0571, 30.6275],
          [104.051, 30.633],
        ],
      },
      legs: [
        {
          steps: leg1Steps,
          summary: '天府大道北段, 人民南路',
          weight: 233.4,
          duration: 233.4,
          distance: 2473.1,
        },
        {
          steps: leg2Steps,
          summary: '人民南路, 一环路南四段',
          weight: 165.9,
          duration: 165.9,
          distance: 1614.8,
        },
      ],
      weight_name: 'routability',
      weight: 399.3,
      duration: 399.3,
      distance: 4087.9,
    },
  ],
  waypoints: [
    { hint, distance: 3.2, name: '天府大道北段', location: [104.069, 30.61] },
    { hint, distance: 5.1, name: '人民南路', location: [104.062, 30.6267] },
    { hint, distance: 2.7, name: '一环路南四段', location: [104.051, 30.633] },
  ],
};
