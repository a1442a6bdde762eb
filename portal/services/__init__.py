"""Every write and business rule of the portal. Views call these; these never call views."""
