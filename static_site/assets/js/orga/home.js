// Pix Orga's home: the organisations I belong to (a switcher when there are several) and the way to their
// campaigns and members. Nobody's member yet: how to join.
import { api } from "../api.js";
import { done, showLoadError, t } from "../ui.js";
import { currentOrganizationId, orgaLink, remember } from "./current.js";

const loading = document.getElementById("loading");
const select = document.getElementById("organization");

async function showCredits(org) {
  const line = document.getElementById("credits");
  line.hidden = true;
  if (org.role !== "ADMIN") return;
  try {
    const credits = await api(`/api/organizations/${encodeURIComponent(org.id)}/credits`, { auth: true });
    line.textContent = t("org_credits_line", { balance: credits.balance, consumed: credits.consumed });
    line.hidden = false;
  } catch { /* the balance is a detail of the page: its absence says nothing wrong */ }
}

function show(organizations) {
  const chosen = organizations.find((o) => o.id === currentOrganizationId()) || organizations[0];
  remember(chosen.id);
  select.value = chosen.id;
  document.getElementById("current-role").textContent = t(chosen.role === "ADMIN" ? "org_role_admin_you" : "org_role_member_you");
  document.getElementById("to-campaigns").href = orgaLink("campagnes/", chosen.id);
  document.getElementById("to-members").href = orgaLink("membres/", chosen.id);
  showCredits(chosen);
}

try {
  const me = await api("/api/me", { auth: true });
  const mine = await api("/api/me/organizations", { auth: true });
  document.getElementById("who").textContent = t("product_account", { name: `${me.first_name} ${me.last_name}` });
  if (mine.organizations.length === 0) {
    document.getElementById("no-membership").hidden = false;
  } else {
    for (const org of mine.organizations) {
      const option = document.createElement("option");
      option.value = org.id;
      option.textContent = org.archived ? `${org.name} (${t("org_archived")})` : org.name;
      select.append(option);
    }
    select.addEventListener("change", () => { remember(select.value); show(mine.organizations); });
    document.getElementById("switcher").hidden = false;
    show(mine.organizations);
  }
  document.getElementById("today").hidden = false;
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
