// @ts-check
// Who is signed in. Development: a demo person's token kept in sessionStorage (gone when the tab closes).
// Entra: MSAL, loaded only in that mode (it is ~300 KB; the development first screen stays small).

import { api } from './api.js';

const DEV_KEY = 'methoddays:dev-session';
/** Beside this module, so it has the release's versioned address (kept a year, and by the service worker once loaded). */
const MSAL_SRC = new URL('../vendor/msal-browser.min.js', import.meta.url).href;

/** Development sign-in with locally minted tokens. */
export const devAuth = {
  /** @returns {string | null} the token while it is valid */
  token() {
    try {
      const session = JSON.parse(sessionStorage.getItem(DEV_KEY) ?? 'null');
      if (!session || Date.parse(session.expiresAt) <= Date.now() + 60000) return null;
      return session.accessToken;
    } catch {
      return null;
    }
  },

  /**
   * @param {string} municipalityId
   * @param {string} personId
   */
  async signIn(municipalityId, personId) {
    const answer = await api.devSignIn(municipalityId, personId);
    sessionStorage.setItem(DEV_KEY, JSON.stringify(answer));
  },

  signOut() {
    sessionStorage.removeItem(DEV_KEY);
  },
};

/**
 * The part of MSAL (msal-browser, a vendored script with no type declarations here) this module uses.
 * @typedef {object} MsalAccount an account MSAL signed in; only handed back to MSAL
 * @typedef {{ scopes: string[], account?: MsalAccount, redirectStartPage?: string }} MsalRequest
 * @typedef {{
 *   initialize: () => Promise<void>,
 *   handleRedirectPromise: () => Promise<{ account: MsalAccount | null } | null>,
 *   getAllAccounts: () => MsalAccount[],
 *   setActiveAccount: (account: MsalAccount) => void,
 *   loginRedirect: (request: MsalRequest) => Promise<void>,
 *   acquireTokenSilent: (request: MsalRequest) => Promise<{ accessToken: string }>,
 *   acquireTokenRedirect: (request: MsalRequest) => Promise<void>,
 *   logoutRedirect: (request: { account: MsalAccount | null, postLogoutRedirectUri: string }) => Promise<void>,
 * }} MsalApp
 * @typedef {{ PublicClientApplication: new (config: object) => MsalApp, InteractionRequiredAuthError: new (message?: string) => Error }} Msal
 */

/**
 * The settings Entra mode signs in with (from /api/config, where that mode always has them).
 * @typedef {{ clientId: string, authority: string, scope: string }} EntraConfig
 */

/** @returns {Promise<Msal>} the MSAL global, loading its script on first use (CSP allows only our own scripts). */
function loadMsal() {
  const w = /** @type {Window & { msal?: Msal }} */ (window);
  if (w.msal) return Promise.resolve(w.msal);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = MSAL_SRC;
    script.onload = () => (w.msal ? resolve(w.msal) : reject(new Error('MSAL не загрузился')));
    script.onerror = () => reject(Object.assign(new Error('MSAL'), {
      title: 'Не удалось загрузить модуль входа',
      detail: 'Проверьте подключение к интернету и обновите страницу.',
    }));
    document.head.append(script);
  });
}

/** Sign-in with Microsoft Entra ID / External ID through MSAL (redirect flow: works on phones, no pop-ups). */
export class EntraAuth {
  /** @param {EntraConfig} config */
  constructor(config) {
    this.config = config;
    /** @type {MsalApp} set by start(), which runs before any other method */
    this.app = /** @type {MsalApp} */ (/** @type {unknown} */ (null));
    /** @type {MsalAccount | null} */
    this.account = null;
  }

  /**
   * Loads MSAL, finishes a redirect if we are coming back from the identity provider.
   * @returns {Promise<boolean>} whether someone is signed in
   */
  async start() {
    const msal = await loadMsal();
    this.msal = msal;
    this.app = new msal.PublicClientApplication({
      auth: {
        clientId: this.config.clientId,
        authority: this.config.authority,
        // The configured authority is trusted as it is, without asking login.microsoftonline.com to discover it
        // (an External ID custom sign-in domain needs this; for Entra it saves a request).
        knownAuthorities: [new URL(this.config.authority).host],
        redirectUri: `${location.origin}/`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await this.app.initialize();
    const result = await this.app.handleRedirectPromise();
    this.account = result?.account ?? this.app.getAllAccounts()[0] ?? null;
    if (this.account) this.app.setActiveAccount(this.account);
    return this.account !== null;
  }

  /** Sends the browser to the identity provider; the page reloads signed in. */
  async signIn() {
    await this.app.loginRedirect({ scopes: [this.config.scope], redirectStartPage: location.href });
  }

  /** @returns {Promise<string | null>} an access token for the API, refreshed silently by MSAL */
  async token() {
    if (!this.account) return null;
    try {
      const result = await this.app.acquireTokenSilent({ scopes: [this.config.scope], account: this.account });
      return result.accessToken;
    } catch (e) {
      // An account exists only after start(), which loaded MSAL.
      if (e instanceof /** @type {Msal} */ (this.msal).InteractionRequiredAuthError) {
        await this.app.acquireTokenRedirect({ scopes: [this.config.scope], account: this.account });
      }
      return null;
    }
  }

  async signOut() {
    await this.app.logoutRedirect({ account: this.account, postLogoutRedirectUri: `${location.origin}/` });
  }
}
