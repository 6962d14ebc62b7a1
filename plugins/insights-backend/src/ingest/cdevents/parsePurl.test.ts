import { describeArtifact, parsePurl } from './parsePurl';

describe('describeArtifact', () => {
  it('reads the repository and commit of a repository purl', () => {
    expect(
      describeArtifact(
        'pkg:github/Acme/API@9FCEB02D0AE598E95DC970B74767F19372D61AF8',
      ),
    ).toEqual({
      version: '9FCEB02D0AE598E95DC970B74767F19372D61AF8',
      repository: 'github.com/Acme/API',
      commit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
    });
  });

  it('decodes versions and leaves non-repository purls without a commit', () => {
    expect(
      describeArtifact('pkg:oci/myapp@sha256%3A0b31b1c0?repository_url=x'),
    ).toEqual({ version: 'sha256:0b31b1c0', repository: null, commit: null });
    // A hex-looking version of a package is not read as a commit.
    expect(
      describeArtifact('pkg:golang/mygit.com/myorg/myapp@20240101'),
    ).toEqual({ version: '20240101', repository: null, commit: null });
  });

  it('takes an artifact id that is not a purl as the version', () => {
    expect(describeArtifact('six-1.14.0-py2.py3-none-any.whl')).toEqual({
      version: 'six-1.14.0-py2.py3-none-any.whl',
      repository: null,
      commit: null,
    });
  });
});

describe('parsePurl', () => {
  it('splits type, namespace, name and version', () => {
    expect(parsePurl('pkg:npm/%40cairn/plugin@1.2.3#dist')).toEqual({
      type: 'npm',
      namespace: '@cairn',
      name: 'plugin',
      version: '1.2.3',
    });
    expect(parsePurl('pkg:generic/tool')).toEqual({
      type: 'generic',
      namespace: null,
      name: 'tool',
      version: null,
    });
    expect(parsePurl('docker.io/library/nginx:1.25')).toBeUndefined();
  });
});
