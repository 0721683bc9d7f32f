DROP INDEX `redemptions_batch_payer_idx`;--> statement-breakpoint
DROP INDEX `redemptions_batch_merchant_idx`;