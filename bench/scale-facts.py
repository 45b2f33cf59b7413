#!/usr/bin/env python3
# Writes a copy of the fact folder N times larger, with distinct ids, names and URLs, for reload measurements:
#   python3 bench/scale-facts.py facts /tmp/facts-100x 100
# (people ids are shortened to stay within 28 characters; topics and the /ask vocabulary are copied once, not N times:
#  a word in two synonym groups is an error)
import os, re, shutil, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.rmtree(dst, ignore_errors=True); os.makedirs(dst)
import yaml
ids=set()
people=set(f[:-5] for f in os.listdir(os.path.join(src,'people')))
for sub in ['people','events','quotes']:
    for f in os.listdir(os.path.join(src,sub)):
        ids.add(f[:-5])
for s in yaml.safe_load(open(os.path.join(src,'sources.yaml')))['sources']: ids.add(s['id'])
for sub in ['quotes']:
    for f in os.listdir(os.path.join(src,sub)):
        for q in yaml.safe_load(open(os.path.join(src,sub,f)))['quotes']: ids.add(q['id'])
pat=re.compile(r'(?<![a-z0-9-])('+'|'.join(sorted(map(re.escape,ids),key=len,reverse=True))+r')(?![a-z0-9-])')
def newid(i,c):
    if c==0: return i
    return (i[:24].rstrip('-')+f'-{c}') if i in people else i+f'-x{c}'
def tr(text,c):
    if c==0: return text
    t=pat.sub(lambda m: newid(m.group(1),c), text)
    t=re.sub(r'^(name|full_name): (.*)$', lambda m: f'{m.group(1)}: "{m.group(2).strip(chr(34))} Copy{c}"', t, flags=re.M)
    t=re.sub(r'^aliases: \[(.*)\]$', lambda m: 'aliases: ['+', '.join(f'"{a.strip().strip(chr(34))} Copy{c}"' for a in m.group(1).split(',') if a.strip())+']', t, flags=re.M)
    t=re.sub(r'(url: https://[^\s]+)', lambda m: m.group(1)+f'#{c}', t)
    return t
os.makedirs(os.path.join(dst,'people')); os.makedirs(os.path.join(dst,'events')); os.makedirs(os.path.join(dst,'quotes')); os.makedirs(os.path.join(dst,'positions'))
shutil.copy(os.path.join(src,'topics.yaml'), dst)
if os.path.exists(os.path.join(src,'vocabulary.yaml')): shutil.copy(os.path.join(src,'vocabulary.yaml'), dst)
srcs=open(os.path.join(src,'sources.yaml')).read()
body=srcs.split('sources:',1)[1]
open(os.path.join(dst,'sources.yaml'),'w').write('sources:'+''.join(tr(body,c) for c in range(n)))
for sub in ['people','events','quotes','positions']:
    for f in os.listdir(os.path.join(src,sub)):
        t=open(os.path.join(src,sub,f)).read()
        for c in range(n):
            name=(f[:-5] if sub=='positions' else newid(f[:-5],c))+'.yaml'
            out=tr(t,c)
            if sub=='positions' and c>0:
                out=re.sub(r'^id: .*$', f'id: p{c}-'+f[:-5][:20], out, flags=re.M); name=f'p{c}-'+f[:-5][:20]+'.yaml'
            open(os.path.join(dst,sub,name),'w').write(out)
