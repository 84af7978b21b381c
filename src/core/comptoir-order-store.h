// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-order.h"
#include "comptoir-payout.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

gboolean    comptoir_order_write       (ComptoirStore   *store,
                                        gint64           account_id,
                                        ComptoirOrder   *order,
                                        GError         **error);
GListModel *comptoir_order_list_new    (ComptoirStore   *store);
ComptoirOrder *comptoir_order_load     (ComptoirStore   *store,
                                        gint64           order_id,
                                        GError         **error);
gboolean    comptoir_order_load_lines  (ComptoirStore   *store,
                                        ComptoirOrder   *order,
                                        GError         **error);
gboolean    comptoir_payout_write      (ComptoirStore   *store,
                                        gint64           account_id,
                                        ComptoirPayout  *payout,
                                        GError         **error);
GListModel *comptoir_payout_list_new   (ComptoirStore   *store);

G_END_DECLS
