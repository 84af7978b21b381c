// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-order.h"
#include "comptoir-payout.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

gboolean comptoir_order_write_page  (ComptoirStore  *store,
                                     gint64          account_id,
                                     GPtrArray      *orders,
                                     const gint64   *versions,
                                     guint          *n_changed,
                                     GError        **error);
gboolean comptoir_payout_write_page (ComptoirStore  *store,
                                     gint64          account_id,
                                     GPtrArray      *payouts,
                                     guint          *n_changed,
                                     GError        **error);

G_END_DECLS
