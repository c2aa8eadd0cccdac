// Pix Admin, certification: one finalised session; take it, publish it, unpublish it, unfinalise it (back to its
// centre: the page then has nothing more to show); its certifications.
import { api } from "../api.js";
import { root } from "../common.js";
import { formatDate, h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";
import { showTrail } from "./trail.js";

const id = new URLSearchParams(window.location.search).get("id") || "";
const base = `/api/admin/certification-sessions/${encodeURIComponent(id)}`;
const status = document.querySelector(".form-status");
const result = document.getElementById("action-result");

function fill(s) {
  document.getElementById("js-title").textContent = t("jury_session_heading", { number: s.session_id });
  const flags = [s.incident && t("jury_flag_incident"), s.joining_issue && t("jury_flag_joining")].filter(Boolean);
  const facts = {
    centre: s.centre_name, date: `${formatDate(s.date)} · ${s.time.slice(0, 5)}`, place: `${s.address} · ${s.room}`,
    status: t(`jury_status_${s.status}`), finalised: formatDate(s.finalised_at), flags: flags.join(", ") || "—",
    comment: s.comment || "—",
  };
  for (const [name, value] of Object.entries(facts)) document.getElementById(`f-${name}`).textContent = value;
  const blocking = document.getElementById("blocking");
  blocking.textContent = s.blocking || "";
  blocking.hidden = !s.blocking || s.status === "processed";
  document.getElementById("assign").hidden = s.assigned || s.status === "processed";
  document.getElementById("publish").hidden = s.status === "processed";
  document.getElementById("publish").disabled = !s.publishable;
  document.getElementById("unpublish").hidden = s.status !== "processed";
  document.getElementById("unfinalise").hidden = s.status === "processed";
  document.getElementById("rows").replaceChildren(...s.certifications.map((c) => h("tr", null,
    h("td", null, h("a", { href: `${root}admin/sessions/certification/?session=${encodeURIComponent(s.session_id)}&candidate=${encodeURIComponent(c.candidate_id)}` },
      `${c.last_name} ${c.first_name}`)),
    h("td", null, t(`jury_cert_${c.status}`)),
    h("td", null, String(c.pix)),
    h("td", null, `${c.rate_percent} %`),
    h("td", null, String(c.awaiting)))));
}

async function load() {
  fill(await api(base, { auth: true }));
  document.getElementById("content").hidden = false;
  showTrail(document.getElementById("trail"), "session", id); // read again after each action; a help only
}

// A button's action: `run` returns what to announce, or null when the operator cancelled; then `after` (the page
// read again, by default).
function action(button, run, after = load) {
  document.getElementById(button).addEventListener("click", async (event) => {
    const target = event.currentTarget;
    target.setAttribute("aria-busy", "true");
    try {
      const said = await run();
      if (said === null) return;
      result.textContent = said;
      await after();
    } catch (error) {
      showLoadError(error, status);
    } finally {
      target.removeAttribute("aria-busy");
    }
  });
}

action("assign", async () => { await api(`${base}/assignment`, { method: "POST", auth: true }); return t("jury_assigned"); });
action("publish", async () => {
  const done = await api(`${base}/publication`, { method: "POST", auth: true });
  return t("jury_published", { mails: done.mails });
});
action("unpublish", async () => {
  if (!window.confirm(t("jury_unpublish_confirm"))) return null;
  await api(`${base}/publication`, { method: "DELETE", auth: true });
  return t("jury_unpublished");
});
action("unfinalise", async () => {
  if (!window.confirm(t("jury_unfinalise_confirm"))) return null;
  await api(`${base}/finalisation`, { method: "DELETE", auth: true });
  return "";
}, () => { // the session is no longer finalised: nothing more to show here
  document.getElementById("content").hidden = true;
  document.getElementById("unfinalised").hidden = false;
  document.getElementById("js-title").focus();
});

await adminPage(load);
