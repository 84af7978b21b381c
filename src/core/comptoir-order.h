// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "comptoir-order-line.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_ORDER (comptoir_order_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirOrder, comptoir_order, COMPTOIR, ORDER, GObject)

ComptoirOrder *comptoir_order_new (void);

gint64 comptoir_order_get_id (ComptoirOrder *self);
void comptoir_order_set_id (ComptoirOrder *self, gint64 value);
const char *comptoir_order_get_remote_id (ComptoirOrder *self);
void comptoir_order_set_remote_id (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_number (ComptoirOrder *self);
void comptoir_order_set_number (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_status (ComptoirOrder *self);
void comptoir_order_set_status (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_customer_name (ComptoirOrder *self);
void comptoir_order_set_customer_name (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_customer_phone (ComptoirOrder *self);
void comptoir_order_set_customer_phone (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_customer_email (ComptoirOrder *self);
void comptoir_order_set_customer_email (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_fulfilment (ComptoirOrder *self);
void comptoir_order_set_fulfilment (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_slot_start (ComptoirOrder *self);
void comptoir_order_set_slot_start (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_slot_end (ComptoirOrder *self);
void comptoir_order_set_slot_end (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_delivery_address (ComptoirOrder *self);
void comptoir_order_set_delivery_address (ComptoirOrder *self, const char *value);
const char *comptoir_order_get_customer_note (ComptoirOrder *self);
void comptoir_order_set_customer_note (ComptoirOrder *self, const char *value);
gint64 comptoir_order_get_subtotal_cents (ComptoirOrder *self);
void comptoir_order_set_subtotal_cents (ComptoirOrder *self, gint64 value);
gint64 comptoir_order_get_delivery_fee_cents (ComptoirOrder *self);
void comptoir_order_set_delivery_fee_cents (ComptoirOrder *self, gint64 value);
gint64 comptoir_order_get_total_cents (ComptoirOrder *self);
void comptoir_order_set_total_cents (ComptoirOrder *self, gint64 value);
const char *comptoir_order_get_placed_at (ComptoirOrder *self);
void comptoir_order_set_placed_at (ComptoirOrder *self, const char *value);
gint64 comptoir_order_get_remote_version (ComptoirOrder *self);
void comptoir_order_set_remote_version (ComptoirOrder *self, gint64 value);

GPtrArray *comptoir_order_get_lines (ComptoirOrder *self);
void comptoir_order_set_lines (ComptoirOrder *self, GPtrArray *lines);


G_END_DECLS
