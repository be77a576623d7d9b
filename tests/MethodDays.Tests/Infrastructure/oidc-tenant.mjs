// A local OpenID Connect provider that answers the way a Microsoft Entra ID (or External ID) tenant does,
// built on oauth2-mock-server: the tenant's paths (/{tid}/v2.0/.well-known/openid-configuration,
// /{tid}/oauth2/v2.0/authorize and /token, /{tid}/discovery/v2.0/keys), v2.0 access tokens for the API
// (aud = the API's client id, scp, tid, oid, preferred_username, name, azp) and id tokens for the page, client_info
// in the token response, and signing keys that can be rotated (the old key leaves the published key set).
//
// The sign-in itself is automatic (no password, consent granted): the tests choose beforehand who signs in next.
// A small control API under /_test/ lets the tests choose that person, mint tokens and rotate keys.
//
// Usage: node oidc-tenant.mjs <key.pem> <cert.pem> <tenantId> <apiClientId> <spaClientId>
// Prints one line of JSON once listening: {"port": N, "issuer": "..."}.

import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

const [keyPath, certPath, tenantId, apiClientId, spaClientId] = process.argv.slice(2);
if (!spaClientId) {
  console.error('usage: node oidc-tenant.mjs <key.pem> <cert.pem> <tenantId> <apiClientId> <spaClientId>');
  process.exit(2);
}

const apiScopePrefix = `api://${apiClientId}/`;
const paths = {
  discovery: `/${tenantId}/v2.0/.well-known/openid-configuration`,
  keys: `/${tenantId}/discovery/v2.0/keys`,
  authorize: `/${tenantId}/oauth2/v2.0/authorize`,
  token: `/${tenantId}/oauth2/v2.0/token`,
  logout: `/${tenantId}/oauth2/v2.0/logout`,
};

let origin = '';
/** The person the next interactive sign-in authenticates. */
let nextPerson = { oid: '00000000-0000-0000-0000-000000000000', name: 'Без имени', email: 'nobody@example.org' };
/** Who each issued authorization code and refresh token belongs to. */
const codeOwners = new Map();
/** Keys that signed tokens once and are no longer published (rotated out). */
const retired = [];
let current = await newGeneration();

/** One signing key with its issuer and protocol handlers; a rotation starts a new generation. */
async function newGeneration() {
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate('RS256');
  if (origin) issuer.url = `${origin}/${tenantId}/v2.0`;
  const service = new OAuth2Service(issuer, {
    authorize: paths.authorize,
    token: paths.token,
    endSession: paths.logout,
    // Not offered by the tenant: moved out of the way.
    wellKnownDocument: '/_unused/openid-configuration',
    jwks: '/_unused/jwks',
  });
  service.on('beforeAuthorizeRedirect', (redirect, req) => {
    const code = redirect.url.searchParams.get('code');
    if (code) codeOwners.set(code, nextPerson);
    // MSAL asks for response_mode=fragment: the answer goes after '#', as Entra sends it.
    if (new URL(req.url, origin).searchParams.get('response_mode') === 'fragment') {
      redirect.url.hash = redirect.url.searchParams.toString();
      redirect.url.search = '';
    }
  });
  service.on('beforeTokenSigning', (token, req) => {
    const person = ownerOf(req.body);
    const p = token.payload;
    Object.assign(p, {
      ver: '2.0',
      tid: tenantId,
      oid: person.oid,
      sub: `sub-${person.oid}`,
      name: person.name,
      preferred_username: person.email,
    });
    delete p.amr;
    if ('scope' in p) {
      // The access token: for the API, with the API's scopes in scp (as Entra writes them).
      p.aud = apiClientId;
      p.azp = req.body.client_id ?? spaClientId;
      p.scp = apiScopes(p.scope).join(' ');
      delete p.scope;
    }
  });
  service.on('beforeResponse', (response, req) => {
    if (response.statusCode !== 200) return;
    const person = ownerOf(req.body);
    if (response.body.refresh_token) codeOwners.set(response.body.refresh_token, person);
    const body = response.body;
    body.scope = apiScopes(req.body.scope ?? '').map((s) => apiScopePrefix + s).join(' ');
    body.ext_expires_in = body.expires_in;
    body.client_info = Buffer.from(JSON.stringify({ uid: person.oid, utid: tenantId })).toString('base64url');
  });
  return { issuer, service };
}

/** @param {string} scope */
function apiScopes(scope) {
  return scope.split(' ').filter((s) => s.startsWith(apiScopePrefix)).map((s) => s.slice(apiScopePrefix.length));
}

function ownerOf(body) {
  return codeOwners.get(body?.code) ?? codeOwners.get(body?.refresh_token) ?? nextPerson;
}

function discoveryDocument() {
  const issuer = `${origin}/${tenantId}/v2.0`;
  return {
    token_endpoint: origin + paths.token,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: origin + paths.keys,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: origin + paths.authorize,
    end_session_endpoint: origin + paths.logout,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'preferred_username', 'oid', 'tid', 'ver'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    code_challenge_methods_supported: ['S256'],
  };
}

/** Reads a JSON request body. */
async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

function send(res, status, body) {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(JSON.stringify(body));
}

/** The tests' control API. */
async function control(req, res, path) {
  const body = await readJson(req);
  if (path === '/_test/next-person') {
    nextPerson = { oid: body.oid, name: body.name, email: body.email };
    return send(res, 200, nextPerson);
  }
  if (path === '/_test/token') {
    // A token as the tenant would issue it to the page for the API; the test may change any claim,
    // backdate it (expired) or sign it with a rotated-out key.
    const generation = body.retiredKey ? retired.at(-1) : current;
    if (!generation) return send(res, 409, { error: 'no retired key' });
    const now = Math.floor(Date.now() / 1000);
    const lifetime = body.expiredSecondsAgo ? { iat: now - 7200, nbf: now - 7200, exp: now - body.expiredSecondsAgo } : {};
    const token = await generation.issuer.buildToken({
      scopesOrTransform: (_header, payload) => {
        Object.assign(payload, {
          aud: apiClientId,
          ver: '2.0',
          tid: tenantId,
          azp: spaClientId,
          scp: 'access_as_user',
          sub: `sub-${body.claims?.oid}`,
        }, lifetime, body.claims ?? {});
        // A claim given as null is left out of the token.
        for (const [name, value] of Object.entries(payload)) if (value === null) delete payload[name];
      },
    });
    return send(res, 200, { token });
  }
  if (path === '/_test/rotate') {
    retired.push(current);
    current = await newGeneration();
    return send(res, 200, { retiredKid: retired.at(-1).issuer.keys.toJSON()[0].kid, currentKid: current.issuer.keys.toJSON()[0].kid });
  }
  return send(res, 404, { error: 'not_found' });
}

const server = createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (req, res) => {
  const path = new URL(req.url ?? '/', origin).pathname;
  if (path.startsWith('/_test/') && req.method === 'POST') {
    control(req, res, path).catch((e) => send(res, 500, { error: String(e) }));
    return;
  }
  if (req.method === 'GET' && path === paths.discovery) return send(res, 200, discoveryDocument());
  // Only the current generation's key is published: a rotated-out key no longer verifies anything.
  if (req.method === 'GET' && path === paths.keys) return send(res, 200, { keys: current.issuer.keys.toJSON() });
  current.service.requestHandler(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `https://localhost:${port}`;
  current.issuer.url = `${origin}/${tenantId}/v2.0`;
  process.stdout.write(`${JSON.stringify({ port, issuer: current.issuer.url })}\n`);
});

// Ends with the test process (its stdin closes).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
