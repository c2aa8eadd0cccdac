// Pix Certif's home. Centre memberships come with the certification room (a later issue); until it exists
// nobody is a member of a centre, so the page says so and how to join. Read them here once the room has its route.
import { productHome, toProfile } from "../product.js";
import { h, t } from "../ui.js";

productHome(() => [h("p", null, t("today_no_membership")), toProfile(t("today_candidate"))]);
