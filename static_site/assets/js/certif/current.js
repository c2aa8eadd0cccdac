// The centre a member works in: named by the page's `centre` query parameter, else the last one opened on this
// browser (so that the header's links find it). Not personal (an id), kept in localStorage.
const KEY = "pix.certif.current";

export function currentCentreId() {
  const fromQuery = new URLSearchParams(window.location.search).get("centre");
  if (fromQuery) { localStorage.setItem(KEY, fromQuery); return fromQuery; }
  return localStorage.getItem(KEY) || "";
}

export function forgetCentre() {
  localStorage.removeItem(KEY);
}

export function centrePath(id, rest = "") {
  return `/api/certif/centres/${encodeURIComponent(id)}${rest}`;
}
