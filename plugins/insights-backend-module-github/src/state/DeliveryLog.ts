import { Knex } from 'knex';

/** The webhook deliveries already handled (`github_deliveries`), so that a redelivery changes nothing. */
export class DeliveryLog {
  constructor(private readonly db: Knex) {}

  async has(deliveryId: string): Promise<boolean> {
    return !!(await this.db('github_deliveries')
      .first('delivery_id')
      .where('delivery_id', deliveryId));
  }

  async record(deliveryId: string, event: string, now: number) {
    await this.db('github_deliveries')
      .insert({ delivery_id: deliveryId, event, received_at: now })
      .onConflict('delivery_id')
      .ignore();
  }

  async purge(before: number): Promise<number> {
    return this.db('github_deliveries')
      .where('received_at', '<', before)
      .delete();
  }
}
