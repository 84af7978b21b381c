// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *comptoir_format_date_time      (const char *iso8601_utc);
char       *comptoir_format_date           (const char *iso8601_date);
const char *comptoir_order_status_label    (const char *status);
const char *comptoir_payout_status_label   (const char *status);

G_END_DECLS
