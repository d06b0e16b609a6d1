/**
 * Who may call the API: a Cognito user pool for staff (one group per role, MFA, no self sign-up,
 * attributes only an administrator can change) and a resource server whose `outreach` scope an
 * outreach tool gets through the client-credentials flow.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { OUTREACH_SCOPE } from '../../functions/http/principal';
import { STAFF_GROUPS, STAFF_SCOPE } from './triggers/staff-access-token';
import { ServiceFunction } from './service-function';

const [RESOURCE_SERVER, OUTREACH] = OUTREACH_SCOPE.split('/') as [string, string];
const STAFF = STAFF_SCOPE.split('/')[1] as string;

/** What each staff group may do; the handlers check the role again (functions/http/routes.ts). */
const GROUP_DESCRIPTIONS: Record<string, string> = {
  handlaggare: 'Handläggare: registrerar uppgifter, begär förslag, följer upp',
  beslutsfattare: 'Beslutsfattare (delegat): beslutar och undertecknar enligt sin delegation',
  jurist: 'Jurist: granskar regelverk; ser beslut utan personuppgifter',
};

export interface IdentityProps {
  stage: string;
  /** Prefix of the Cognito domain that serves the token endpoint (unique within the region). */
  domainPrefix: string;
  /** Where the staff web client may return after sign-in. */
  staffCallbackUrls: string[];
  removalPolicy: RemovalPolicy;
  logRetention: logs.RetentionDays;
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly staffClient: cognito.UserPoolClient;
  readonly outreachClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly tokenTrigger: ServiceFunction;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `jobbtorg-${props.stage}`,
      // Accounts are created by an administrator, in the group of the person's role.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        // The name the decision letter states for the decision-maker.
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        title: new cognito.StringAttribute({ mutable: true, maxLen: 100 }),
        // The delegation reference (delegationsordning) a beslutsfattare decides under.
        delegation: new cognito.StringAttribute({ mutable: true, maxLen: 100 }),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential and adaptive-authentication protection, and the access-token
      // customisation the staff trigger needs.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy,
    });

    for (const group of STAFF_GROUPS) {
      new cognito.UserPoolGroup(this, `Group-${group}`, { userPool: this.userPool, groupName: group, description: GROUP_DESCRIPTIONS[group] });
    }

    this.tokenTrigger = new ServiceFunction(this, 'StaffAccessToken', {
      packaging: { entry: 'infra/constructs/triggers/staff-access-token.ts', ruleSets: false, letters: false },
      description: 'Cognito: namn, titel, delegation och jobbtorg/staff i personalens access-token',
      memorySize: 256,
      timeout: Duration.seconds(5),
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
    });
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.tokenTrigger.fn, cognito.LambdaVersion.V2_0);

    const resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: 'Jobbtorg beslutsstöd',
      scopes: [
        new cognito.ResourceServerScope({ scopeName: OUTREACH, scopeDescription: 'Uppsökande verktyg: screening och egna hänvisningar' }),
        new cognito.ResourceServerScope({ scopeName: STAFF, scopeDescription: 'Personal (sätts av triggern, aldrig av klienten)' }),
      ],
    });

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    // Staff sign in through the hosted login (code flow with PKCE) or SRP; a public client, no
    // secret. Users may read their attributes but change none that matter: name, title and
    // delegation are what a signed letter states, so only an administrator sets them. (An empty
    // list would be left out of the template, and a client without WriteAttributes may write
    // every attribute; so the list names one harmless attribute, the user's locale.)
    this.staffClient = this.userPool.addClient('StaffClient', {
      userPoolClientName: 'staff',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.staffCallbackUrls,
        logoutUrls: props.staffCallbackUrls,
      },
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('title', 'delegation'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ locale: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(10),
    });

    // One app client per outreach tool; this is the first. It can obtain only the outreach scope.
    this.outreachClient = this.userPool.addClient('OutreachClient', {
      userPoolClientName: 'outreach',
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [cognito.OAuthScope.resourceServer(resourceServer, new cognito.ResourceServerScope({ scopeName: OUTREACH, scopeDescription: 'outreach' }))],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(60),
    });
  }
}
