// Pix Admin, certification: the two lists of finalised sessions (to publish, requiring action), page by page;
// the selected sessions to publish are published in one batch (each on its own: a refusal is listed).
import { api } from "../api.js";
import { root } from "../common.js";
import { formatDate, h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";

const rows = document.getElementById("rows");
const more = document.getElementById("more");
const status = document.querySelector(".form-status");
const publishSelected = document.getElementById("publish-selected");
let queue = "to_publish";
let cursor = null;

function row(s) {
  const href = `${root}admin/sessions/session/?id=${encodeURIComponent(s.session_id)}`;
  const flags = [s.has_comment && t("jury_flag_comment"), s.incident && t("jury_flag_incident"),
    s.joining_issue && t("jury_flag_joining")].filter(Boolean).join(", ");
  return h("tr", null,
    h("td", null, queue === "to_publish" ? h("input", { type: "checkbox", value: s.session_id,
      "aria-label": t("jury_select_named", { number: s.session_id }) }) : ""),
    h("td", null, h("a", { href }, s.session_id)),
    h("td", null, s.centre_name),
    h("td", null, `${formatDate(s.date)} · ${s.time.slice(0, 5)}`),
    h("td", null, s.finalised_at ? formatDate(s.finalised_at) : "—"),
    h("td", null, [t(`jury_status_${s.status}`), flags].filter(Boolean).join(" · ")));
}

async function load() {
  const query = new URLSearchParams({ queue, limit: "20" });
  if (cursor) query.set("cursor", cursor);
  const page = await api(`/api/admin/certification-sessions?${query}`, { auth: true });
  rows.append(...page.sessions.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  document.getElementById("empty").hidden = rows.children.length > 0;
  publishSelected.hidden = queue !== "to_publish" || rows.children.length === 0;
}

async function show(name) {
  queue = name;
  cursor = null;
  rows.replaceChildren();
  for (const other of ["to_publish", "requiring_action"]) {
    const tab = document.getElementById(`tab-${other}`);
    tab.setAttribute("aria-pressed", String(other === name));
    tab.className = other === name ? "" : "secondary";
  }
  document.getElementById("jury-caption").textContent = t(`jury_${name}`);
  try { await load(); } catch (error) { showLoadError(error, status); }
}

for (const name of ["to_publish", "requiring_action"]) {
  document.getElementById(`tab-${name}`).addEventListener("click", () => show(name));
}
more.addEventListener("click", async () => {
  try { await load(); } catch (error) { showLoadError(error, status); }
});
publishSelected.addEventListener("click", async () => {
  const ids = [...rows.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
  const result = document.getElementById("batch-result");
  if (!ids.length) { result.textContent = t("jury_select_none"); return; }
  if (!window.confirm(t("jury_publish_confirm_many", { count: ids.length }))) return;
  publishSelected.setAttribute("aria-busy", "true");
  try {
    const done = await api("/api/admin/certification-sessions/batch-publication",
      { method: "POST", auth: true, body: { session_ids: ids } });
    result.replaceChildren(h("ul", null, ...done.outcomes.map((o) => h("li", null,
      o.published ? t("jury_published_one", { number: o.session_id })
        : t("jury_refused_one", { number: o.session_id, reason: o.message || o.error_code })))));
    await show(queue);
  } catch (error) {
    showLoadError(error, status);
  } finally {
    publishSelected.removeAttribute("aria-busy");
  }
});

await adminPage(async () => { await load(); });
