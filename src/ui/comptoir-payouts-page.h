// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PAYOUTS_PAGE (comptoir_payouts_page_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirPayoutsPage, comptoir_payouts_page, COMPTOIR, PAYOUTS_PAGE, GtkWidget)

void comptoir_payouts_page_set_store (ComptoirPayoutsPage *self,
                                      ComptoirStore *store);
void comptoir_payouts_page_reload    (ComptoirPayoutsPage *self);

G_END_DECLS
