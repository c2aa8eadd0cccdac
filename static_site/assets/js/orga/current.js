// The organisation a member works in: named by the page's `organisation` query parameter, else the last one
// chosen on this browser (the switcher). Not personal (an id), kept in localStorage.
import { root } from "../common.js";

const KEY = "pix.orga.current";

export function currentOrganizationId() {
  const fromQuery = new URLSearchParams(window.location.search).get("organisation");
  if (fromQuery) { remember(fromQuery); return fromQuery; }
  return localStorage.getItem(KEY);
}

export function remember(id) {
  localStorage.setItem(KEY, id);
}

// A page of Orga for this organisation: `orgaLink("campagnes/", id, { id: campaignId })`.
export function orgaLink(folder, organizationId, extra = {}) {
  const query = new URLSearchParams({ organisation: organizationId, ...extra });
  return `${root}orga/${folder}?${query}`;
}

export function organizationPath(id, rest = "") {
  return `/api/organizations/${encodeURIComponent(id)}${rest}`;
}
