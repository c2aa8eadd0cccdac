// The trail of an object (who did what, when, with the before/after of each field): any admin page shows it
// with `showTrail(container, objectType, objectId)`. Reads GET /api/admin/trails/{type}/{id}, page by page.
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { pagedList } from "../paged-list.js";
import { h, lang, t } from "../ui.js";

function when(iso) {
  return new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
}

function value(v) {
  if (v === null || v === undefined || v === "") return t("trail_empty_value");
  if (Array.isArray(v)) return v.length ? v.join(", ") : t("trail_empty_value");
  return String(v);
}

function entry(e) {
  const action = t(`trail_action_${e.action.replaceAll("-", "_")}`);
  const label = action.startsWith("trail_action_") ? e.action : action;
  return h("li", null,
    h("p", null, h("strong", null, label), " — ", h("time", { datetime: e.at }, when(e.at)), " — ",
      t("trail_by", { name: e.actor_name || e.actor_id })),
    e.changes.length ? h("ul", null, e.changes.map((c) =>
      h("li", null, h("code", null, c.field), " : ", value(c.before), " → ", value(c.after)))) : null);
}

export async function showTrail(container, objectType, objectId) {
  container.replaceChildren();
  const list = h("ol", { class: "trail", reversed: true });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("trail_more"));
  const status = h("p", { role: "status" });
  container.append(status, list, more);
  const trail = pagedList({
    rows: list,
    more,
    fetchPage: (cursor) => api(`/api/admin/trails/${encodeURIComponent(objectType)}/${encodeURIComponent(objectId)}?${
      new URLSearchParams({ limit: "20", ...(cursor ? { cursor } : {}) })}`, { auth: true }),
    items: (page) => page.entries,
    row: entry,
    onPage: (count) => { status.textContent = count ? "" : t("trail_none"); },
    onError: (error) => { status.textContent = errorMessage(error); },
  });
  await trail.reload();
}
