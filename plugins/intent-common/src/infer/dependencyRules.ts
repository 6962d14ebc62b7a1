import type { DataService, WorkloadType } from '../intent/intentSchema';
import type { InferenceConfidence } from './inferenceTypes';

/**
 * What a dependency, an image or an environment variable says about the environment. One table per
 * ecosystem, so adding a library is one line. `service` proposes a data service; `workload` a workload
 * type; `note` is something the intent cannot hold (it is shown, never turned into a service).
 */
export interface Signal {
  service?: DataService;
  workload?: WorkloadType;
  confidence: InferenceConfidence;
  /** What the thing is, for the reason: "the PostgreSQL driver". */
  what: string;
  note?: string;
}

const pg = (what: string): Signal => ({
  service: 'postgres',
  confidence: 'high',
  what,
});
const redis = (what: string): Signal => ({
  service: 'redis',
  confidence: 'high',
  what,
});
const rabbit = (what: string): Signal => ({
  service: 'queue',
  confidence: 'medium',
  what: `${what} (RabbitMQ; Cairn's queue is the cloud's managed queue)`,
});
const kafka = (what: string): Signal => ({
  service: 'queue',
  confidence: 'low',
  what: `${what} (Kafka; Cairn offers a managed queue, the nearest class, not a Kafka cluster)`,
});
const storage = (what: string): Signal => ({
  service: 'objectStorage',
  confidence: 'high',
  what,
});
const web = (what: string): Signal => ({
  workload: 'web-service',
  confidence: 'medium',
  what,
});
const mysql = (what: string): Signal => ({
  confidence: 'low',
  what,
  note: 'uses MySQL, which Cairn does not offer (it offers PostgreSQL); not proposed',
});
const mongo = (what: string): Signal => ({
  confidence: 'low',
  what,
  note: 'uses MongoDB, which Cairn does not offer; not proposed',
});

/** npm packages (package.json dependencies). */
export const npmSignals: Record<string, Signal> = {
  pg: pg('the PostgreSQL client pg'),
  postgres: pg('the PostgreSQL client postgres'),
  'pg-promise': pg('the PostgreSQL client pg-promise'),
  ioredis: redis('the Redis client ioredis'),
  redis: redis('the Redis client redis'),
  bullmq: redis('the Redis-backed job queue BullMQ'),
  bull: redis('the Redis-backed job queue Bull'),
  amqplib: rabbit('the AMQP client amqplib'),
  'amqp-connection-manager': rabbit('the AMQP client amqp-connection-manager'),
  kafkajs: kafka('the Kafka client kafkajs'),
  '@aws-sdk/client-sqs': {
    service: 'queue',
    confidence: 'high',
    what: 'the SQS client',
  },
  '@google-cloud/pubsub': {
    service: 'queue',
    confidence: 'high',
    what: 'the Pub/Sub client',
  },
  '@azure/service-bus': {
    service: 'queue',
    confidence: 'high',
    what: 'the Service Bus client',
  },
  '@aws-sdk/client-s3': storage('the S3 client'),
  '@google-cloud/storage': storage('the Cloud Storage client'),
  '@azure/storage-blob': storage('the Blob Storage client'),
  express: web('the HTTP framework Express'),
  fastify: web('the HTTP framework Fastify'),
  koa: web('the HTTP framework Koa'),
  '@nestjs/core': web('the framework NestJS'),
  '@hapi/hapi': web('the HTTP framework hapi'),
  next: web('the web framework Next.js'),
  mysql: mysql('the MySQL client mysql'),
  mysql2: mysql('the MySQL client mysql2'),
  mongodb: mongo('the MongoDB driver'),
  mongoose: mongo('the MongoDB library Mongoose'),
};

/** Maven / Gradle artifacts (artifactId, or group:artifact for the ambiguous ones). */
export const jvmSignals: Record<string, Signal> = {
  postgresql: pg('the PostgreSQL JDBC driver'),
  'r2dbc-postgresql': pg('the PostgreSQL R2DBC driver'),
  'spring-boot-starter-data-jpa': {
    service: 'postgres',
    confidence: 'low',
    what: 'Spring Data JPA (a relational database; the driver decides which)',
  },
  'spring-boot-starter-data-redis': redis('Spring Data Redis'),
  jedis: redis('the Redis client Jedis'),
  'lettuce-core': redis('the Redis client Lettuce'),
  'spring-boot-starter-amqp': rabbit('Spring AMQP'),
  'spring-kafka': kafka('Spring for Apache Kafka'),
  'kafka-clients': kafka('the Kafka client'),
  sqs: { service: 'queue', confidence: 'high', what: 'the SQS SDK' },
  s3: storage('the S3 SDK'),
  'google-cloud-storage': storage('the Cloud Storage client'),
  'azure-storage-blob': storage('the Blob Storage client'),
  'spring-boot-starter-web': web('Spring Web (an HTTP server)'),
  'spring-boot-starter-webflux': web('Spring WebFlux (an HTTP server)'),
  'quarkus-rest': web('Quarkus REST'),
  'mysql-connector-j': mysql('the MySQL JDBC driver'),
  'mysql-connector-java': mysql('the MySQL JDBC driver'),
  'spring-boot-starter-data-mongodb': mongo('Spring Data MongoDB'),
};

/** Go modules (go.mod require), by module path prefix. */
export const goSignals: Record<string, Signal> = {
  'github.com/jackc/pgx': pg('the PostgreSQL driver pgx'),
  'github.com/lib/pq': pg('the PostgreSQL driver pq'),
  'github.com/redis/go-redis': redis('the Redis client go-redis'),
  'github.com/go-redis/redis': redis('the Redis client go-redis'),
  'github.com/rabbitmq/amqp091-go': rabbit('the AMQP client amqp091-go'),
  'github.com/streadway/amqp': rabbit('the AMQP client streadway/amqp'),
  'github.com/segmentio/kafka-go': kafka('the Kafka client kafka-go'),
  'github.com/IBM/sarama': kafka('the Kafka client sarama'),
  'github.com/aws/aws-sdk-go-v2/service/sqs': {
    service: 'queue',
    confidence: 'high',
    what: 'the SQS SDK',
  },
  'github.com/aws/aws-sdk-go-v2/service/s3': storage('the S3 SDK'),
  'cloud.google.com/go/storage': storage('the Cloud Storage client'),
  'github.com/gin-gonic/gin': web('the HTTP framework Gin'),
  'github.com/labstack/echo': web('the HTTP framework Echo'),
  'github.com/gofiber/fiber': web('the HTTP framework Fiber'),
  'github.com/go-chi/chi': web('the HTTP router chi'),
  'github.com/go-sql-driver/mysql': mysql('the MySQL driver'),
  'go.mongodb.org/mongo-driver': mongo('the MongoDB driver'),
};

/** Python distributions (requirements.txt, pyproject.toml), normalised to lowercase with hyphens. */
export const pythonSignals: Record<string, Signal> = {
  psycopg: pg('the PostgreSQL driver psycopg'),
  psycopg2: pg('the PostgreSQL driver psycopg2'),
  'psycopg2-binary': pg('the PostgreSQL driver psycopg2'),
  asyncpg: pg('the PostgreSQL driver asyncpg'),
  redis: redis('the Redis client redis-py'),
  celery: {
    workload: 'worker',
    confidence: 'medium',
    what: 'Celery (a task worker)',
  },
  rq: { workload: 'worker', confidence: 'medium', what: 'RQ (a task worker)' },
  pika: rabbit('the AMQP client pika'),
  'kafka-python': kafka('the Kafka client kafka-python'),
  'confluent-kafka': kafka('the Kafka client confluent-kafka'),
  'google-cloud-storage': storage('the Cloud Storage client'),
  'azure-storage-blob': storage('the Blob Storage client'),
  flask: web('the web framework Flask'),
  django: web('the web framework Django'),
  fastapi: web('the web framework FastAPI'),
  uvicorn: web('the ASGI server uvicorn'),
  gunicorn: web('the WSGI server gunicorn'),
  pymysql: mysql('the MySQL driver PyMySQL'),
  mysqlclient: mysql('the MySQL driver mysqlclient'),
  pymongo: mongo('the MongoDB driver'),
};

/** Container images (docker-compose services), by the image's last path component before the tag. */
export const imageSignals: Record<string, Signal> = {
  postgres: {
    service: 'postgres',
    confidence: 'medium',
    what: 'a PostgreSQL container',
  },
  postgis: {
    service: 'postgres',
    confidence: 'medium',
    what: 'a PostGIS container',
  },
  redis: { service: 'redis', confidence: 'medium', what: 'a Redis container' },
  valkey: {
    service: 'redis',
    confidence: 'medium',
    what: 'a Valkey (Redis-compatible) container',
  },
  rabbitmq: rabbit('a RabbitMQ container'),
  kafka: kafka('a Kafka container'),
  'cp-kafka': kafka('a Kafka container'),
  minio: {
    service: 'objectStorage',
    confidence: 'medium',
    what: 'a MinIO (S3-compatible) container',
  },
  mysql: mysql('a MySQL container'),
  mariadb: mysql('a MariaDB container'),
  mongo: mongo('a MongoDB container'),
};

/** Environment variable names (.env files, compose `environment`), exact or by prefix (ending in `*`). */
export const envSignals: Record<string, Signal> = {
  DATABASE_URL: {
    service: 'postgres',
    confidence: 'low',
    what: 'a database URL (its scheme says which database)',
  },
  'PG*': {
    service: 'postgres',
    confidence: 'medium',
    what: 'PostgreSQL settings',
  },
  'POSTGRES*': {
    service: 'postgres',
    confidence: 'medium',
    what: 'PostgreSQL settings',
  },
  'REDIS*': { service: 'redis', confidence: 'medium', what: 'Redis settings' },
  AMQP_URL: rabbit('an AMQP URL'),
  'RABBITMQ*': rabbit('RabbitMQ settings'),
  'KAFKA*': kafka('Kafka settings'),
  'SQS*': { service: 'queue', confidence: 'medium', what: 'SQS settings' },
  'S3_*': {
    service: 'objectStorage',
    confidence: 'medium',
    what: 'an S3 bucket setting',
  },
  'AWS_S3_*': {
    service: 'objectStorage',
    confidence: 'medium',
    what: 'an S3 bucket setting',
  },
  'GCS_*': {
    service: 'objectStorage',
    confidence: 'medium',
    what: 'a Cloud Storage setting',
  },
  'MYSQL*': mysql('MySQL settings'),
  'MONGO*': mongo('MongoDB settings'),
};

/** A URL's scheme says which service it points at (DATABASE_URL=postgresql://..., CELERY_BROKER_URL=redis://...). */
export const urlSchemeSignals: Record<string, Signal> = {
  postgres: pg('a PostgreSQL URL'),
  postgresql: pg('a PostgreSQL URL'),
  'jdbc:postgresql': pg('a PostgreSQL JDBC URL'),
  redis: redis('a Redis URL'),
  rediss: redis('a Redis URL'),
  amqp: rabbit('an AMQP URL'),
  amqps: rabbit('an AMQP URL'),
  s3: storage('an S3 URL'),
  mysql: mysql('a MySQL URL'),
  'jdbc:mysql': mysql('a MySQL JDBC URL'),
  mongodb: mongo('a MongoDB URL'),
};

/** Terraform resource types mapped back to the plan's service classes (the renderers' resources, per cloud). */
export const terraformResourceServices: Record<string, DataService> = {
  aws_db_instance: 'postgres',
  aws_rds_cluster: 'postgres',
  google_sql_database_instance: 'postgres',
  azurerm_postgresql_flexible_server: 'postgres',
  aws_elasticache_cluster: 'redis',
  aws_elasticache_replication_group: 'redis',
  google_redis_instance: 'redis',
  azurerm_redis_cache: 'redis',
  aws_sqs_queue: 'queue',
  google_pubsub_topic: 'queue',
  azurerm_servicebus_queue: 'queue',
  aws_s3_bucket: 'objectStorage',
  google_storage_bucket: 'objectStorage',
  azurerm_storage_container: 'objectStorage',
  aws_cloudfront_distribution: 'cdn',
  google_compute_backend_bucket: 'cdn',
  azurerm_cdn_frontdoor_profile: 'cdn',
};

/** Language runtimes by base image (the last path component before the tag). */
export const runtimeImages: Record<string, string> = {
  node: 'node',
  python: 'python',
  golang: 'go',
  'eclipse-temurin': 'java',
  openjdk: 'java',
  amazoncorretto: 'java',
  maven: 'java',
  gradle: 'java',
  ruby: 'ruby',
  php: 'php',
};
