import type { Api } from '../http/api.ts';
import {
  CalendarYear,
  CalendarYearParams,
  CalendarYearPut,
  CalendarYearQuery,
} from './calendar-day.schemas.ts';
import type { CalendarDayService } from './calendar-day.service.ts';

export function registerCalendarDayRoutes(api: Api, calendar: CalendarDayService): void {
  const tags = ['contracts'];
  api.route({
    method: 'get',
    path: '/calendar-days',
    summary: "A year's holidays and make-up workdays (the working-day calendar's exceptions)",
    tags,
    permission: 'network:read',
    query: CalendarYearQuery,
    response: CalendarYear,
    handler: ({ query }) => calendar.year(query.year),
  });
  api.route({
    method: 'put',
    path: '/calendar-days/:year',
    summary: "Replace a year's holidays and make-up workdays",
    tags,
    permission: 'admin',
    params: CalendarYearParams,
    body: CalendarYearPut,
    response: CalendarYear,
    handler: ({ params, body, actor }) => calendar.replaceYear(params.year, body, actor),
  });
}
