/**
 * IndexNow's key file (issue 25): `/<INDEXNOW_KEY>.txt`, holding the key, at the site's root, where
 * search engines look to verify that a submission naming it comes from the host's owner
 * (indexnow.org/documentation, "Verify ownership"). Any other such name is nothing. Path and headers:
 * ROUTES.indexNowKey in table.ts.
 */
import { Hono } from 'hono'
import { type AppEnv, notifySettings } from '../env'
import { fail } from '../http/problem'
import { respond } from './respond'
import { ROUTES } from './table'

export const indexNowKey = new Hono<AppEnv>()

indexNowKey.get(ROUTES.indexNowKey.path, (c) => {
  const key = notifySettings(c.env).indexNow?.key
  if (key === undefined || c.req.param('file') !== `${key}.txt`) fail(404, 'There is nothing at this address.')
  return respond(c, key)
})
