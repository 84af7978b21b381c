// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PAYOUT (comptoir_payout_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirPayout, comptoir_payout, COMPTOIR, PAYOUT, GObject)

ComptoirPayout *comptoir_payout_new (void);

gint64 comptoir_payout_get_id (ComptoirPayout *self);
void comptoir_payout_set_id (ComptoirPayout *self, gint64 value);
const char *comptoir_payout_get_remote_id (ComptoirPayout *self);
void comptoir_payout_set_remote_id (ComptoirPayout *self, const char *value);
const char *comptoir_payout_get_period_start (ComptoirPayout *self);
void comptoir_payout_set_period_start (ComptoirPayout *self, const char *value);
const char *comptoir_payout_get_period_end (ComptoirPayout *self);
void comptoir_payout_set_period_end (ComptoirPayout *self, const char *value);
gint64 comptoir_payout_get_gross_cents (ComptoirPayout *self);
void comptoir_payout_set_gross_cents (ComptoirPayout *self, gint64 value);
gint64 comptoir_payout_get_commission_cents (ComptoirPayout *self);
void comptoir_payout_set_commission_cents (ComptoirPayout *self, gint64 value);
gint64 comptoir_payout_get_fees_cents (ComptoirPayout *self);
void comptoir_payout_set_fees_cents (ComptoirPayout *self, gint64 value);
gint64 comptoir_payout_get_net_cents (ComptoirPayout *self);
void comptoir_payout_set_net_cents (ComptoirPayout *self, gint64 value);
const char *comptoir_payout_get_status (ComptoirPayout *self);
void comptoir_payout_set_status (ComptoirPayout *self, const char *value);
const char *comptoir_payout_get_bank_reference (ComptoirPayout *self);
void comptoir_payout_set_bank_reference (ComptoirPayout *self, const char *value);

const char * const *comptoir_payout_get_order_ids (ComptoirPayout *self);
void comptoir_payout_set_order_ids (ComptoirPayout *self, const char * const *order_ids);


G_END_DECLS
