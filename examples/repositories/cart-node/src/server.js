const express = require('express');
const Redis = require('ioredis');
const amqp = require('amqplib');

const app = express();
const redis = new Redis(process.env.REDIS_URL);

app.post('/carts/:id/checkout', async (req, res) => {
  const channel = await (
    await amqp.connect(process.env.AMQP_URL)
  ).createChannel();
  channel.sendToQueue('checkouts', Buffer.from(req.params.id));
  res.status(202).end();
});

app.get('/carts/:id', async (req, res) => {
  res.json(JSON.parse((await redis.get(`cart:${req.params.id}`)) ?? '[]'));
});

app.listen(Number(process.env.PORT ?? 3000));
