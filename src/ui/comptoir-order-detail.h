// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_ORDER_DETAIL (comptoir_order_detail_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirOrderDetail, comptoir_order_detail, COMPTOIR, ORDER_DETAIL, AdwWindow)

ComptoirOrderDetail *comptoir_order_detail_new          (GtkWindow      *parent,
                                                         ComptoirStore  *store,
                                                         gint64          order_id,
                                                         GError        **error);
gint64               comptoir_order_detail_get_order_id (ComptoirOrderDetail *self);

G_END_DECLS
