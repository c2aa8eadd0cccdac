"""The Pix back end: one Chalice app, a room per product (see README.md)."""
